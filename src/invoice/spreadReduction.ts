import { allocate, type Currency, type Decimal, toFixedString, ZERO } from "../money/index.js";
import type { InvoiceLine } from "../schema/index.js";

type AdjustmentKind = NonNullable<InvoiceLine["adjustments"]>[number]["kind"];

/** What a line costs now: its net after earlier adjustments, or its amount. */
export function netOf(line: InvoiceLine): Decimal {
  return ZERO.plus(line.net ?? line.amount);
}

/**
 * Takes `amount` off the `eligible` lines in proportion to their nets (largest remainder, so the parts
 * add up to it exactly), recording each share as an adjustment of `kind` from `source` and lowering
 * the line's net. Returns every line (untouched ones as they were) and the allocation, share by line.
 */
export function spreadReduction(
  lines: ReadonlyArray<InvoiceLine>,
  eligible: ReadonlyArray<InvoiceLine>,
  amount: Decimal,
  currency: Currency,
  kind: AdjustmentKind,
  source: string,
): { lines: InvoiceLine[]; allocation: { line: string; amount: string }[] } {
  const minor = currency.minorUnits;
  const shares =
    amount.isZero() || eligible.length === 0
      ? eligible.map(() => ZERO)
      : allocate(amount, eligible.map(netOf), currency);
  const byLine = new Map(eligible.map((line, index) => [line.id, shares[index]!]));
  const adjusted = lines.map((line) => {
    const share = byLine.get(line.id);
    if (share === undefined || share.isZero()) return line;
    return {
      ...line,
      adjustments: [
        ...(line.adjustments ?? []),
        { kind, source, amount: toFixedString(share.negated(), minor) },
      ],
      net: toFixedString(netOf(line).minus(share), minor),
    };
  });
  const allocation = eligible
    .map((line) => ({ line: line.id, amount: toFixedString(byLine.get(line.id)!.negated(), minor) }))
    .filter((entry) => !ZERO.plus(entry.amount).isZero());
  return { lines: adjusted, allocation };
}
