import { Decimal } from "../money/index.js";
import type { AppliedDiscount } from "../schema/index.js";
import { shareOf } from "./roundedWords.js";

/**
 * What a percentage discount takes before its rounding (its amount is that, rounded, taken off): the percent of what
 * the days it covers billed, or of its base times its share of the period in force, or of its base.
 * Undefined for a fixed amount, and when the amount is not that exact value rounded (capped at its base).
 */
export function percentExact(discount: AppliedDiscount): Decimal | undefined {
  if (discount.percent === undefined) return undefined;
  const { inForce } = discount;
  const of =
    inForce?.covered !== undefined
      ? new Decimal(inForce.covered)
      : inForce === undefined
        ? new Decimal(discount.base)
        : shareOf(new Decimal(discount.base), inForce.elapsed, inForce.total);
  return of.times(discount.percent).div(100);
}
