import { Decimal, type RoundingMode, roundTo } from "../money/index.js";
import type { MoneyStyle } from "./explainLine.js";
import { formatReadable, signed } from "./formatNumber.js";
import { roundingModeWords } from "./roundingModeWords.js";

/**
 * An exact amount as a sentence shows it before its rounding: the currency's decimals at least, every
 * decimal it has up to 8 more, then cut and marked "…" (a discount of 33.333 % of $10.00 is
 * "-$3.3333", 20 % of $100.00 for 16 of 31 days "$10.32258064…").
 */
export function exactMoney(value: Decimal, style: MoneyStyle): string {
  return signed(
    value.toFixed(),
    (magnitude) => `${style.prefix}${formatReadable(magnitude, style.minorUnits, style.minorUnits + 8)}`,
  );
}

/**
 * The words between "= " and a figure the invoice rounded from `exact`: "" when the figure is exact,
 * else the exact amount and the rounding, "$8.253, rounded half-up: " (before "-$8.25" for a discount,
 * which rounds what it takes and shows it taken off), so that the sentence can be redone by hand:
 * "10% of $82.53 = $8.253, rounded half-up: -$8.25". Also "" when the figure is not `exact` rounded so
 * (a discount capped at what it applies to): the sentence then says nothing it cannot stand by.
 */
export function roundedFrom(exact: Decimal, shown: string, mode: RoundingMode, style: MoneyStyle): string {
  const figure = new Decimal(shown);
  // A discount's exact take is positive and its figure negative (taken off): equal in size, exact.
  if (exact.abs().equals(figure.abs())) return "";
  const rounded = roundTo(exact, figure.decimalPlaces(), mode);
  if (!rounded.equals(figure) && !rounded.negated().equals(figure)) return "";
  return `${exactMoney(exact, style)}, rounded ${roundingModeWords(mode)}: `;
}

/** `numerator ÷ denominator`, 0 when the denominator is 0 (a share of an empty period). */
export function shareOf(value: Decimal, elapsed: string, total: string): Decimal {
  const whole = new Decimal(total);
  return whole.isZero() ? new Decimal(0) : value.times(elapsed).div(whole);
}
