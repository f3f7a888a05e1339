import { definePriceModel } from "../../priceModel.js";
import { explainTieredPackageStep } from "./explain.js";
import { rateTieredPackage } from "./rate.js";
import { tieredPackageStepSchemas } from "./steps.js";
import { tieredPackageTermsSchema } from "./terms.js";

export type { PackageTierTerms, TieredPackageTerms } from "./terms.js";
export { tieredPackageTermsSchema } from "./terms.js";

/** Tiered package: whole blocks of each tier's size at its block price, tier by tier or at the tier reached. */
export const tieredPackage = definePriceModel({
  model: "tiered_package",
  termsSchema: tieredPackageTermsSchema,
  usesQuantity: true,
  isFee: false,
  needsEventValues: false,
  acceptsTransform: true,
  isSinglePrice: true,
  priceKind: "tiered",
  stepSchemas: tieredPackageStepSchemas,
  explainStep: explainTieredPackageStep,
  rate: rateTieredPackage,
});
