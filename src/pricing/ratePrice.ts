import { isRecord, requireArgument } from "../errors/index.js";
import { Decimal, type ExactQuotient } from "../money/index.js";
import { type FractionAmount, NO_CONTEXT, type PriceResult, type RatingContext } from "./priceModel.js";
import type { PriceTerms } from "./priceSchema.js";
import { findPriceModel, modelOfPrice, PRICE_MODELS } from "./registry.js";

/**
 * Rates `quantity` with any price: looks the model up and calls its `rate`.
 * @param context - per-event values and other meters' quantities, for the models that need them
 * @returns the exact, unrounded amount and the steps that add up to it
 * @throws InputError `invalid_argument` at `terms`, `terms.model`, `quantity` or `context` for an argument
 *   of the wrong kind (a quantity must be a Decimal, not text or a number)
 */
export function ratePrice(
  terms: PriceTerms,
  quantity: Decimal,
  context: RatingContext = NO_CONTEXT,
): PriceResult {
  requireArgument(
    isRecord(terms),
    "terms",
    terms,
    "price",
    "a charge's price from a parsed contract (contract.charges[i].price)",
  );
  requireArgument(
    findPriceModel(terms) !== undefined,
    "terms.model",
    terms.model,
    "price's model",
    `one of ${Object.keys(PRICE_MODELS).join(", ")}`,
  );
  requireArgument(
    Decimal.isDecimal(quantity),
    "quantity",
    quantity,
    "quantity",
    "a Decimal",
    'write new Decimal("10") or toDecimal("10")',
  );
  requireArgument(
    isRecord(context),
    "context",
    context,
    "rating context",
    "an object (leave it out when the price needs none)",
  );
  return rateWithModel(terms, quantity, context);
}

/**
 * {@link ratePrice} without the checks of its arguments, for the rating code: it rates every line and
 * window with terms parseContract checked, where a check per call would cost on the hot path.
 */
export function rateWithModel(
  terms: PriceTerms,
  quantity: Decimal,
  context: RatingContext = NO_CONTEXT,
): PriceResult {
  return modelOfPrice(terms).rate(terms, quantity, context);
}

/**
 * Rates a quantity that is the fraction n ÷ d exactly, with a model that can (its `rateFraction`);
 * undefined for any other model, whose `rate` at the fraction's 50-digit value is what it bills.
 */
export function rateFractionWithModel(
  terms: PriceTerms,
  quantity: Decimal,
  fraction: ExactQuotient,
): FractionAmount | undefined {
  return modelOfPrice(terms).rateFraction?.(terms, quantity, fraction);
}
