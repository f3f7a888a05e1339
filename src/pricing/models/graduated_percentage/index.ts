import { definePriceModel } from "../../priceModel.js";
import { explainGraduatedPercentageStep } from "./explain.js";
import { rateGraduatedPercentage, rateGraduatedPercentageFraction } from "./rate.js";
import { graduatedPercentageStepSchemas } from "./steps.js";
import { graduatedPercentageTermsSchema } from "./terms.js";

export type { GraduatedPercentageTerms, PercentTierTerms } from "./terms.js";
export { graduatedPercentageTermsSchema } from "./terms.js";

/** Graduated percentage: each tier of the total amount is charged its tier's percent. */
export const graduatedPercentage = definePriceModel({
  model: "graduated_percentage",
  termsSchema: graduatedPercentageTermsSchema,
  usesQuantity: true,
  isFee: false,
  needsEventValues: false,
  acceptsTransform: true,
  isSinglePrice: true,
  priceKind: "percentage",
  stepSchemas: graduatedPercentageStepSchemas,
  explainStep: explainGraduatedPercentageStep,
  rate: rateGraduatedPercentage,
  rateFraction: rateGraduatedPercentageFraction,
});
