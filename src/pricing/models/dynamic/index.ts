import { definePriceModel } from "../../priceModel.js";
import { explainDynamicStep } from "./explain.js";
import { rateDynamic, rateDynamicFraction } from "./rate.js";
import { dynamicStepSchemas } from "./steps.js";
import { dynamicTermsSchema } from "./terms.js";

export type { DynamicTerms } from "./terms.js";
export { dynamicTermsSchema } from "./terms.js";

/** Dynamic: the events carry their own amounts; the line is their sum times an optional markup. */
export const dynamic = definePriceModel({
  model: "dynamic",
  termsSchema: dynamicTermsSchema,
  usesQuantity: true,
  isFee: false,
  needsEventValues: false,
  acceptsTransform: true,
  isSinglePrice: true,
  priceKind: "dynamic",
  stepSchemas: dynamicStepSchemas,
  explainStep: explainDynamicStep,
  rate: rateDynamic,
  rateFraction: rateDynamicFraction,
});
