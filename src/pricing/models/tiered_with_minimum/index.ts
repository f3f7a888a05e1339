import { definePriceModel } from "../../priceModel.js";
import { explainTieredWithMinimumStep } from "./explain.js";
import { rateTieredWithMinimum, rateTieredWithMinimumFraction } from "./rate.js";
import { tieredWithMinimumStepSchemas } from "./steps.js";
import { tieredWithMinimumTermsSchema } from "./terms.js";

export type { MinimumTierTerms, TieredWithMinimumTerms } from "./terms.js";
export { tieredWithMinimumTermsSchema } from "./terms.js";

/** Tiered with minimum: graduated tiers, topped up to the minimum of the highest tier reached. */
export const tieredWithMinimum = definePriceModel({
  model: "tiered_with_minimum",
  termsSchema: tieredWithMinimumTermsSchema,
  usesQuantity: true,
  isFee: false,
  needsEventValues: false,
  acceptsTransform: true,
  isSinglePrice: true,
  priceKind: "tiered",
  stepSchemas: tieredWithMinimumStepSchemas,
  explainStep: explainTieredWithMinimumStep,
  rate: rateTieredWithMinimum,
  rateFraction: rateTieredWithMinimumFraction,
});
