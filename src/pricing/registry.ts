import type { Decimal } from "../money/index.js";
import type { PriceModelName, PriceTerms } from "../schema/index.js";
import { capacity } from "./capacity.js";
import { dynamic } from "./dynamic.js";
import { flat } from "./flat.js";
import { graduated } from "./graduated.js";
import { graduatedPercentage } from "./graduatedPercentage.js";
import { grouped } from "./grouped.js";
import { matrix } from "./matrix.js";
import { packagePrice } from "./package.js";
import { percentage } from "./percentage.js";
import { NO_CONTEXT, type PriceModel, type PriceResult, type RatingContext } from "./priceModel.js";
import { threshold } from "./threshold.js";
import { tieredPackage } from "./tieredPackage.js";
import { tieredWithMinimum } from "./tieredWithMinimum.js";
import { unit } from "./unit.js";
import { volume } from "./volume.js";

/** Every price model, by name. Adding a model: one file here, one schema entry, one docs section. */
export const PRICE_MODELS: { readonly [M in PriceModelName]: PriceModel<M> } = {
  flat,
  unit,
  package: packagePrice,
  graduated,
  volume,
  tiered_package: tieredPackage,
  percentage,
  graduated_percentage: graduatedPercentage,
  threshold,
  tiered_with_minimum: tieredWithMinimum,
  dynamic,
  capacity,
  matrix,
  grouped,
};

/** The model registered under `name`. */
export function priceModelOf<M extends PriceModelName>(name: M): PriceModel<M> {
  return PRICE_MODELS[name];
}

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
  const model = PRICE_MODELS[terms.model] as PriceModel<PriceModelName>;
  return model.rate(terms as never, quantity, context);
}
