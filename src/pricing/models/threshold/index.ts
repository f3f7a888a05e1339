import { definePriceModel } from "../../priceModel.js";
import { explainThresholdStep } from "./explain.js";
import { rateThreshold } from "./rate.js";
import { thresholdStepSchemas } from "./steps.js";
import { thresholdTermsSchema } from "./terms.js";

export type { BandTerms, ThresholdTerms } from "./terms.js";
export { thresholdTermsSchema } from "./terms.js";

/** Threshold (step) pricing: the line costs the flat amount of the band the quantity falls in. */
export const threshold = definePriceModel({
  model: "threshold",
  termsSchema: thresholdTermsSchema,
  usesQuantity: true,
  isFee: false,
  needsEventValues: false,
  acceptsTransform: true,
  isSinglePrice: true,
  priceKind: "threshold",
  stepSchemas: thresholdStepSchemas,
  explainStep: explainThresholdStep,
  rate: rateThreshold,
});
