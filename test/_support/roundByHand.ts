import type { RoundingMode } from "../../src/index.js";

/**
 * Rounding worked out on integers, apart from src/money and decimal.js, so that laws compare the
 * code with a second reading of each mode's definition (src/money/rounding.ts):
 * `units × 10^-scale` rounded to `decimals` places, returned as units at `decimals` places.
 */
export function roundUnitsByHand(units: bigint, scale: number, decimals: number, mode: RoundingMode): bigint {
  if (scale <= decimals) return units * 10n ** BigInt(decimals - scale);
  const step = 10n ** BigInt(scale - decimals);
  const truncated = units / step; // BigInt division truncates toward zero
  const rest = units - truncated * step; // has the sign of `units`
  if (rest === 0n) return truncated;
  const awayFromZero = truncated + (units < 0n ? -1n : 1n);
  const twiceRest = (rest < 0n ? -rest : rest) * 2n;
  const isTie = twiceRest === step;
  const pastHalf = twiceRest > step;
  switch (mode) {
    case "down":
      return truncated;
    case "up":
      return awayFromZero;
    case "ceiling":
      return units > 0n ? awayFromZero : truncated;
    case "floor":
      return units < 0n ? awayFromZero : truncated;
    case "half_up":
      return pastHalf || isTie ? awayFromZero : truncated;
    case "half_down":
      return pastHalf ? awayFromZero : truncated;
    case "half_even":
      if (isTie) return truncated % 2n === 0n ? truncated : awayFromZero;
      return pastHalf ? awayFromZero : truncated;
  }
}
