import type { Decimal } from "../money/index.js";
import type { PriceModelName, PriceTerms } from "../schema/index.js";
import { flat } from "./flat.js";
import { graduated } from "./graduated.js";
import { packagePrice } from "./package.js";
import type { PriceModel, PriceResult } from "./priceModel.js";
import { unit } from "./unit.js";
import { volume } from "./volume.js";

/** Every price model, by name. Adding a model: one file here, one schema entry, one docs page. */
export const PRICE_MODELS: { readonly [M in PriceModelName]: PriceModel<M> } = {
  flat,
  unit,
  package: packagePrice,
  graduated,
  volume,
};

/** The model registered for a price's terms. */
export function priceModelOf<M extends PriceModelName>(name: M): PriceModel<M> {
  return PRICE_MODELS[name];
}

/**
 * Rates `quantity` with any price: looks the model up and calls its `rate`.
 * @returns the exact, unrounded amount and the steps that add up to it
 */
export function ratePrice(terms: PriceTerms, quantity: Decimal): PriceResult {
  const model = PRICE_MODELS[terms.model] as PriceModel<PriceModelName>;
  return model.rate(terms as never, quantity);
}
