import { allocate, type Currency, Decimal, decimalOfText, toFixedString, ZERO } from "../money/index.js";
import type { InvoiceLine } from "./invoiceSchema.js";

type AdjustmentKind = NonNullable<InvoiceLine["adjustments"]>[number]["kind"];

/** What a line costs now: its net after earlier adjustments, or its amount. */
export function netOf(line: InvoiceLine): Decimal {
  return decimalOfText(line.net ?? line.amount);
}

/**
 * Takes `amount` off the `eligible` lines in proportion to their nets (largest remainder, so the parts
 * add up to it exactly), recording each share as an adjustment of `kind` from `source` and lowering
 * the line's net. Returns every line (untouched ones as they were) and the allocation, share by line.
 * `weights` (one per eligible line) replace the nets as the proportions: a discount on the days it
 * covers spreads by what each line billed for those days.
 */
export function spreadReduction(
  lines: ReadonlyArray<InvoiceLine>,
  eligible: ReadonlyArray<InvoiceLine>,
  amount: Decimal,
  currency: Currency,
  kind: AdjustmentKind,
  source: string,
  weights?: ReadonlyArray<Decimal>,
): { lines: InvoiceLine[]; allocation: { line: string; amount: string }[] } {
  const minor = currency.minorUnits;
  // Each eligible line's net, read once (a large invoice has thousands of lines to spread over).
  const nets = eligible.map(netOf);
  const shares =
    amount.isZero() || eligible.length === 0
      ? eligible.map(() => ZERO)
      : allocate(amount, weights ?? nets, currency);
  const byLine = new Map(
    eligible.map((line, index) => [line.id, { share: shares[index]!, net: nets[index]! }]),
  );
  const adjusted = lines.map((line) => {
    const entry = byLine.get(line.id);
    if (entry === undefined || entry.share.isZero()) return line;
    return {
      ...line,
      adjustments: [
        ...(line.adjustments ?? []),
        { kind, source, amount: toFixedString(entry.share.negated(), minor) },
      ],
      net: toFixedString(entry.net.minus(entry.share), minor),
    };
  });
  const allocation = eligible
    .map((line) => ({ line: line.id, amount: toFixedString(byLine.get(line.id)!.share.negated(), minor) }))
    .filter((entry) => !new Decimal(entry.amount).isZero());
  return { lines: adjusted, allocation };
}
