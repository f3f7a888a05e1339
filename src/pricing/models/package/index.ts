import { definePriceModel } from "../../priceModel.js";
import { explainPackageStep } from "./explain.js";
import { ratePackage } from "./rate.js";
import { packageStepSchemas } from "./steps.js";
import { packageTermsSchema } from "./terms.js";

export type { PackageTerms } from "./terms.js";
export { packageTermsSchema } from "./terms.js";

/** Package: a price per block of `packageSize` units, a partial block rounded up (default) or down. */
export const packagePrice = definePriceModel({
  model: "package",
  termsSchema: packageTermsSchema,
  usesQuantity: true,
  isFee: false,
  needsEventValues: false,
  acceptsTransform: true,
  isSinglePrice: true,
  priceKind: "package",
  stepSchemas: packageStepSchemas,
  explainStep: explainPackageStep,
  rate: ratePackage,
});
