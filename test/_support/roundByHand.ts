import type { RoundingMode } from "../../src/index.js";

/**
 * Rounding worked out on integers, apart from src/money and decimal.js, so that laws compare the
 * code with a second reading of each mode's definition (src/money/rounding.ts):
 * `units × 10^-scale` rounded to `decimals` places, returned as units at `decimals` places.
 */
export function roundUnitsByHand(units: bigint, scale: number, decimals: number, mode: RoundingMode): bigint {
  if (scale <= decimals) return units * 10n ** BigInt(decimals - scale);
  return roundFractionByHand(units, 10n ** BigInt(scale - decimals), mode);
}

/**
 * `numerator ÷ denominator` (denominator > 0) rounded to a whole number with `mode`, on integers: the
 * oracle for amounts that are fractions (an average over 3 events at a price), rounded to minor units
 * by passing the amount × 100 as the numerator.
 */
export function roundFractionByHand(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  const truncated = numerator / denominator; // BigInt division truncates toward zero
  const rest = numerator - truncated * denominator; // has the sign of `numerator`
  if (rest === 0n) return truncated;
  const awayFromZero = truncated + (numerator < 0n ? -1n : 1n);
  const twiceRest = (rest < 0n ? -rest : rest) * 2n;
  const isTie = twiceRest === denominator;
  const pastHalf = twiceRest > denominator;
  switch (mode) {
    case "down":
      return truncated;
    case "up":
      return awayFromZero;
    case "ceiling":
      return numerator > 0n ? awayFromZero : truncated;
    case "floor":
      return numerator < 0n ? awayFromZero : truncated;
    case "half_up":
      return pastHalf || isTie ? awayFromZero : truncated;
    case "half_down":
      return pastHalf ? awayFromZero : truncated;
    case "half_even":
      if (isTie) return truncated % 2n === 0n ? truncated : awayFromZero;
      return pastHalf ? awayFromZero : truncated;
  }
}
