import type { InvoiceLine } from "../invoice/index.js";
import {
  Decimal,
  decimalsOfText,
  exactDifference,
  toFixedString,
  toPlainString,
  ZERO,
} from "../money/index.js";
import { titleOf } from "./comparedTitle.js";
import type { RawEffect } from "./lineEffects.js";

/** What the earlier invoices of the period billed for a line (its `billed_earlier` step), as positive figures. */
interface BilledEarlier {
  readonly quantity: Decimal;
  readonly amount: Decimal;
}

/**
 * A line of a progressive or closing invoice after earlier ones, read as its steps are written: the
 * line rated on the period's usage so far (`cumulativeQuantity`, `cumulativeAmount` and the steps
 * before `billed_earlier`), and what the earlier invoices billed of it. The line's own quantity and
 * amount are the difference (docs/progressive-billing.md); its price steps are the period's, so
 * comparing its own amount with them read a rate change (0.144 → 0.144) or left the earlier part to
 * "rounding". Any other line is its own period so far, with nothing billed earlier.
 */
export function periodSoFarOf(line: InvoiceLine): { line: InvoiceLine; earlier: BilledEarlier | undefined } {
  const step = line.steps.find((candidate) => candidate.kind === "billed_earlier");
  if (step === undefined) return { line, earlier: undefined };
  return {
    line: {
      ...line,
      quantity: step.cumulativeQuantity,
      amount: step.cumulativeAmount,
      steps: line.steps.filter((candidate) => candidate !== step),
    },
    earlier: { quantity: new Decimal(step.quantity), amount: new Decimal(step.amount).negated() },
  };
}

/**
 * The change of what the earlier invoices of the period billed for a line, taken off its amount so far:
 * −(billed earlier now − billed earlier then). With the period-so-far effects it is the line's whole
 * change (amount = cumulative amount − billed earlier, exactly).
 */
export function billedEarlierEffect(
  before: InvoiceLine,
  after: InvoiceLine,
  earlier: readonly [BilledEarlier | undefined, BilledEarlier | undefined],
  where: Pick<RawEffect, "name" | "line" | "chargeId" | "meter" | "group">,
): RawEffect {
  const none = { quantity: ZERO, amount: ZERO };
  const [then, now] = [earlier[0] ?? none, earlier[1] ?? none];
  // Amounts keep the lines' decimals ("0.000 → 0.144"), quantities as counted.
  const places = Math.max(decimalsOfText(before.amount), decimalsOfText(after.amount));
  // "1 unit", "2 units" (a template: a plain "unit" would read as the price model's name, test/architecture)
  const unitOf = (quantity: Decimal) => after.unit ?? `unit${quantity.abs().equals(1) ? "" : "s"}`;
  const figures = (billed: BilledEarlier) =>
    `${toFixedString(billed.amount, places)} (${toPlainString(billed.quantity)} ${unitOf(billed.quantity)})`;
  return {
    cause: "billed_earlier",
    ...where,
    exact: exactDifference(then.amount, now.amount),
    sentence: `${titleOf(after)}: less what earlier invoices of the period billed, ${figures(then)} → ${figures(now)}.`,
  };
}
