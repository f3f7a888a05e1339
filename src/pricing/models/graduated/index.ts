import { definePriceModel } from "../../priceModel.js";
import { explainGraduatedStep } from "./explain.js";
import { rateGraduated, rateGraduatedFraction } from "./rate.js";
import { graduatedStepSchemas } from "./steps.js";
import { graduatedTermsSchema } from "./terms.js";

export type { GraduatedTerms } from "./terms.js";
export { graduatedTermsSchema } from "./terms.js";

/** Graduated tiers: each tier's unit price applies to the units inside it, plus each reached tier's flat fee. */
export const graduated = definePriceModel({
  model: "graduated",
  termsSchema: graduatedTermsSchema,
  usesQuantity: true,
  isFee: false,
  needsEventValues: false,
  acceptsTransform: true,
  isSinglePrice: true,
  priceKind: "tiered",
  stepSchemas: graduatedStepSchemas,
  explainStep: explainGraduatedStep,
  rate: rateGraduated,
  rateFraction: rateGraduatedFraction,
});
