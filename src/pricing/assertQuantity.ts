import { InputError, negativeQuantity } from "../errors/index.js";
import type { Decimal } from "../money/index.js";

/**
 * Tiered and package prices are defined for zero or more units only; a negative total (more
 * corrections than usage) has no tier, so it is refused rather than priced as something made up.
 * A negative zero (an event whose value is "-0") is zero: decimal.js keeps its sign, but it is no
 * correction, and the aggregates JSON writes it as "0", so refusing it would make rating from
 * aggregates disagree with rating the events.
 */
export function assertNonNegativeQuantity(quantity: Decimal, model: string): void {
  if (quantity.isNegative() && !quantity.isZero()) {
    throw InputError.from(negativeQuantity(model, quantity.toFixed()), "");
  }
}
