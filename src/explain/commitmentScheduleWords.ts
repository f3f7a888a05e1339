import type { Invoice } from "../invoice/index.js";
import { addExactly, Decimal, type RoundingMode, ZERO } from "../money/index.js";
import type { MoneyStyle } from "./explainLine.js";
import { formatQuantity } from "./formatNumber.js";
import { datesWords } from "./localWhen.js";
import { prorationUnit } from "./prorationUnit.js";
import { roundedFrom } from "./roundedWords.js";

type AppliedCommitment = NonNullable<Invoice["commitments"]>[number];

/**
 * The sentence of a commitment whose limits were prorated (`schedule`): each limit as written times its
 * share of the billing period, the parts added, the exact figure before its one rounding and the figure
 * the invoice compares, so it can be redone by hand as a prorated fixed discount can: "Minimum spend:
 * the period is part of a billing period, so its limits are prorated: minimum $1,000.00 × 10 ÷ 30 days
 * (2026-04-21 to 2026-05-01) = $333.3333333333…, rounded half-even: $333.33 for this invoice." A
 * changed limit reads "$100.00 × 16 ÷ 31 days (…) + $150.00 × 15 ÷ 31 days (…) = …" (docs/contracts.md).
 */
export function commitmentScheduleWords(
  commitment: AppliedCommitment,
  money: (plain: string) => string,
  { timeZone, mode, style }: { timeZone: string; mode: RoundingMode; style: MoneyStyle },
): string[] {
  const schedule = commitment.schedule;
  if (schedule === undefined) return [];
  const limit = (name: "minimum" | "maximum") => {
    const figure = commitment[name];
    if (figure === undefined) return [];
    const parts = schedule.map(
      (part) =>
        `${money(part[name] ?? "0")} × ${formatQuantity(part.elapsed)} ÷ ${formatQuantity(part.total)} ${prorationUnit(part.basis)} (${datesWords(part, timeZone)})`,
    );
    // Every part is a share of the same billing period: the products added, divided once (as the
    // invoice's proratedAcrossParts does), so a limit that did not change comes back whole.
    const total = new Decimal(schedule[0]!.total);
    const products = schedule.reduce(
      (sum, part) => addExactly(sum, new Decimal(part[name] ?? "0").times(part.elapsed)),
      ZERO,
    );
    const exact = total.isZero() ? ZERO : products.div(total);
    return [
      `${name} ${parts.join(" + ")} = ${roundedFrom(exact, figure, mode, style)}${money(figure)} for this invoice`,
    ];
  };
  // One part: no change, a period that is only part of a billing period (a term starting inside it).
  const why =
    schedule.length === 1
      ? "the period is part of a billing period, so its limits are prorated"
      : "the commitment changed inside the period";
  return [`${commitment.name}: ${why}: ${[...limit("minimum"), ...limit("maximum")].join("; ")}.`];
}
