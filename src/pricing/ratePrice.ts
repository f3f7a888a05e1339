import type { Decimal } from "../money/index.js";
import { NO_CONTEXT, type PriceResult, type RatingContext } from "./priceModel.js";
import type { PriceTerms } from "./priceSchema.js";
import { modelOfPrice } from "./registry.js";

/**
 * Rates `quantity` with any price: looks the model up and calls its `rate`.
 * @param context - per-event values and other meters' quantities, for the models that need them
 * @returns the exact, unrounded amount and the steps that add up to it
 */
export function ratePrice(
  terms: PriceTerms,
  quantity: Decimal,
  context: RatingContext = NO_CONTEXT,
): PriceResult {
  return modelOfPrice(terms).rate(terms, quantity, context);
}
