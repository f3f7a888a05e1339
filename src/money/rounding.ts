import type { Decimal as DecimalJs } from "decimal.js";
import { Decimal } from "./decimal.js";

/**
 * How an exact amount becomes a whole number of minor units.
 * - `half_even`: to nearest, ties to the even digit (banker's rounding; ratecard's default)
 * - `half_up`: to nearest, ties away from zero (Lago, Kill Bill, "commercial" rounding)
 * - `half_down`: to nearest, ties toward zero
 * - `up`: away from zero; `down`: toward zero (truncate)
 * - `ceiling`: toward +∞; `floor`: toward −∞
 */
export type RoundingMode = "half_even" | "half_up" | "half_down" | "up" | "down" | "ceiling" | "floor";

export const ROUNDING_MODES: ReadonlyArray<RoundingMode> = [
  "half_even",
  "half_up",
  "half_down",
  "up",
  "down",
  "ceiling",
  "floor",
];

const DECIMAL_JS_MODE: Readonly<Record<RoundingMode, DecimalJs.Rounding>> = {
  half_even: Decimal.ROUND_HALF_EVEN,
  half_up: Decimal.ROUND_HALF_UP,
  half_down: Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceiling: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
};

/**
 * Rounds to `decimals` decimal places with the named mode.
 * @example roundTo(new Decimal("0.125"), 2, "half_even").toFixed(2) // "0.12"
 * @example roundTo(new Decimal("0.125"), 2, "half_up").toFixed(2)   // "0.13"
 */
export function roundTo(amount: Decimal, decimals: number, mode: RoundingMode): Decimal {
  // An amount with no more decimals than asked is its own rounding, in every mode: returned as it is
  // rather than copied and checked digit by digit (Decimals are immutable; every line of every invoice
  // is rounded: issue 14).
  if (amount.decimalPlaces() <= decimals) return amount;
  return amount.toDecimalPlaces(decimals, DECIMAL_JS_MODE[mode]);
}

/**
 * The size of an amount taken off (a discount) rounded as the negative figure the invoice shows, so
 * that `ceiling` and `floor` keep their direction on the invoice (toward more to pay, toward less) as
 * for every line; the other modes are symmetric and round the size as they would the figure.
 * @example roundReduction(new Decimal("1.7025"), 2, "ceiling").toFixed(2) // "1.70" (−1.7025 → −1.70)
 * @example roundReduction(new Decimal("1.7025"), 2, "floor").toFixed(2)   // "1.71" (−1.7025 → −1.71)
 */
export function roundReduction(size: Decimal, decimals: number, mode: RoundingMode): Decimal {
  return roundTo(size.negated(), decimals, mode).negated();
}

/**
 * Rounds to a whole number with the named mode (e.g. packages, or a quantity transform).
 * @example roundToInteger(new Decimal("2.5"), "half_even").toString() // "2"
 */
export function roundToInteger(value: Decimal, mode: RoundingMode): Decimal {
  return value.toDecimalPlaces(0, DECIMAL_JS_MODE[mode]);
}
