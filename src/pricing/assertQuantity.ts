import { InputError, negativeQuantity } from "../errors/index.js";
import type { Decimal } from "../money/index.js";

/**
 * Tiered and package prices are defined for zero or more units only; a negative total (more
 * corrections than usage) has no tier, so it is refused rather than priced as something made up.
 */
export function assertNonNegativeQuantity(quantity: Decimal, model: string): void {
  if (quantity.isNegative()) {
    throw InputError.from(negativeQuantity(model, quantity.toFixed()), "");
  }
}
