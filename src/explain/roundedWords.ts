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
 * which rounds what it takes as the negative figure it shows: "$1.7025, taken off: -$1.7025, rounded
 * ceiling: -$1.70" under the modes whose direction the sign changes), so that the sentence can be redone by hand:
 * "10% of $82.53 = $8.253, rounded half-up: -$8.25". Also "" when the figure is not `exact` rounded so
 * (a discount capped at what it applies to): the sentence then says nothing it cannot stand by.
 */
export function roundedFrom(exact: Decimal, shown: string, mode: RoundingMode, style: MoneyStyle): string {
  const figure = new Decimal(shown);
  // A discount's exact take is positive and its figure negative (taken off): equal in size, exact.
  if (exact.abs().equals(figure.abs())) return "";
  // A take shown taken off was rounded as that negative figure (roundReduction): under ceiling and
  // floor, whose direction the sign changes, the sentence names the negative figure it rounded. A take
  // that rounded to nothing shows 0, not a negative figure (10% of POINTS 1 = 0.1, taken off as -0.1,
  // rounded up to 0): it is read as taken off when that is how it rounds to 0.
  const places = figure.decimalPlaces();
  const taken =
    exact.greaterThan(0) &&
    figure.lessThanOrEqualTo(0) &&
    roundTo(exact.negated(), places, mode).equals(figure);
  if (!taken && !roundTo(exact, places, mode).equals(figure)) return "";
  const signed = taken && (mode === "ceiling" || mode === "floor");
  return `${exactMoney(exact, style)}, ${signed ? `taken off: ${exactMoney(exact.negated(), style)}, ` : ""}rounded ${roundingModeWords(mode)}: `;
}

/**
 * The words between "= " and a fixed discount's prorated amount (shown as the positive figure it is per
 * period): "" when exact, else "$4.2857142857…, rounded half-even: " before "$4.29". It was rounded as
 * the figure taken off (roundReduction), which under ceiling and floor the sentence says: "$4.2857142857…,
 * rounded ceiling as the figure taken off (-$4.2857142857…): " before "$4.28".
 */
export function roundedTake(exact: Decimal, shown: string, mode: RoundingMode, style: MoneyStyle): string {
  const figure = new Decimal(shown);
  if (exact.equals(figure)) return "";
  if (!roundTo(exact.negated(), figure.decimalPlaces(), mode).negated().equals(figure)) return "";
  const directed = mode === "ceiling" || mode === "floor";
  const taken = directed ? ` as the figure taken off (${exactMoney(exact.negated(), style)})` : "";
  return `${exactMoney(exact, style)}, rounded ${roundingModeWords(mode)}${taken}: `;
}

/** `numerator ÷ denominator`, 0 when the denominator is 0 (a share of an empty period). */
export function shareOf(value: Decimal, elapsed: string, total: string): Decimal {
  const whole = new Decimal(total);
  return whole.isZero() ? new Decimal(0) : value.times(elapsed).div(whole);
}
