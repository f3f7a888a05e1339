import { Decimal, roundTo, toFixedString } from "../money/index.js";

/**
 * change ÷ before × 100: how much an amount moved, in percent of what it was. Not money (nothing is
 * billed from it), so it is a quotient at the private Decimal's precision, 50 significant digits: a
 * ratio that is exactly 20 % comes out exactly 20. Undefined when `before` is 0: a customer who paid
 * nothing has no base to compare with (any change would be "infinitely" large).
 */
export function percentChange(before: string, change: string): Decimal | undefined {
  const base = new Decimal(before);
  if (base.isZero()) return undefined;
  return new Decimal(change).times(100).div(base.abs());
}

/** A percent as the report prints it: 2 decimals, half-even (12.345 % → "12.34", 12.355 % → "12.36"). */
export function percentText(percent: Decimal): string {
  return toFixedString(roundTo(percent, 2, "half_even"), 2);
}
