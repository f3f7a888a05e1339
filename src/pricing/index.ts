export { extendedBound } from "./aboveLastTier.js";
export { dimensionValueSchema } from "./dimensions.js";
export { explainPriceStep, isPriceStep } from "./explainPriceStep.js";
export type { CapacityTerms, CapacityTierTerms } from "./models/capacity/index.js";
export { capacity, capacityTermsSchema } from "./models/capacity/index.js";
export type { DynamicTerms } from "./models/dynamic/index.js";
export { dynamic, dynamicTermsSchema } from "./models/dynamic/index.js";
export type { FlatTerms } from "./models/flat/index.js";
export { flat, flatTermsSchema } from "./models/flat/index.js";
export type { GraduatedTerms } from "./models/graduated/index.js";
export { graduated, graduatedTermsSchema } from "./models/graduated/index.js";
export type { GraduatedPercentageTerms, PercentTierTerms } from "./models/graduated_percentage/index.js";
export { graduatedPercentage, graduatedPercentageTermsSchema } from "./models/graduated_percentage/index.js";
export type { GroupedTerms } from "./models/grouped/index.js";
export type { MatrixTerms } from "./models/matrix/index.js";
export { cellPrice } from "./models/matrix/index.js";
export type { PackageTerms } from "./models/package/index.js";
export { packagePrice, packageTermsSchema } from "./models/package/index.js";
export type { PercentageTerms } from "./models/percentage/index.js";
export { percentage, percentageTermsSchema } from "./models/percentage/index.js";
export type { BandTerms, ThresholdTerms } from "./models/threshold/index.js";
export { threshold, thresholdTermsSchema } from "./models/threshold/index.js";
export type { PackageTierTerms, TieredPackageTerms } from "./models/tiered_package/index.js";
export { tieredPackage, tieredPackageTermsSchema } from "./models/tiered_package/index.js";
export type { MinimumTierTerms, TieredWithMinimumTerms } from "./models/tiered_with_minimum/index.js";
export { tieredWithMinimum, tieredWithMinimumTermsSchema } from "./models/tiered_with_minimum/index.js";
export type { UnitTerms } from "./models/unit/index.js";
export { unit, unitTermsSchema } from "./models/unit/index.js";
export type { VolumeTerms } from "./models/volume/index.js";
export { volume, volumeTermsSchema } from "./models/volume/index.js";
export { perUnitsSchema } from "./perUnitsSchema.js";
export type {
  FractionAmount,
  Grouping,
  PriceModelDefinition,
  PriceModelFacts,
  PriceResult,
  RatedAmount,
  RatingContext,
  StepSchema,
  TermsBase,
  TermsSchema,
} from "./priceModel.js";
export { definePriceModel, NO_CONTEXT } from "./priceModel.js";
export type { PriceInput, PriceModelName, PriceTerms, SimplePriceTerms, TermsOf } from "./priceSchema.js";
export { priceSchema, simplePriceSchema } from "./priceSchema.js";
export type { ModelPriceKind, PriceStep } from "./priceSteps.js";
export { MODEL_PRICE_KINDS, priceStepSchemas } from "./priceSteps.js";
export { rateFractionWithModel, ratePrice, rateWithModel } from "./ratePrice.js";
export type { AnyPriceModel, PriceModel } from "./registry.js";
export {
  findPriceModel,
  grouped,
  matrix,
  modelOfPrice,
  PRICE_MODELS,
  priceModelOf,
  pricesIn,
} from "./registry.js";
export type { TierTerms } from "./tiers.js";
export { graduatedTiers, volumeTier } from "./tierWalk.js";
