import { definePriceModel } from "../../priceModel.js";
import { explainVolumeStep } from "./explain.js";
import { rateVolume, rateVolumeFraction } from "./rate.js";
import { volumeStepSchemas } from "./steps.js";
import { volumeTermsSchema } from "./terms.js";

export type { VolumeTerms } from "./terms.js";
export { volumeTermsSchema } from "./terms.js";

/** Volume tiers: every unit at the price of the one tier the total quantity reaches. */
export const volume = definePriceModel({
  model: "volume",
  termsSchema: volumeTermsSchema,
  usesQuantity: true,
  isFee: false,
  needsEventValues: false,
  acceptsTransform: true,
  isSinglePrice: true,
  priceKind: "tiered",
  stepSchemas: volumeStepSchemas,
  explainStep: explainVolumeStep,
  rate: rateVolume,
  rateFraction: rateVolumeFraction,
});
