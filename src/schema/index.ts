export type { AllowanceTerms } from "./allowance.js";
export { allowanceSchema } from "./allowance.js";
export { canonicalJson } from "./canonicalJson.js";
export type { CommitmentTerms } from "./commitment.js";
export { commitmentSchema } from "./commitment.js";
export type { ChargeTerms, ContractInput, ParsedContractTerms, TransformTerms } from "./contract.js";
export { CONTRACT_SCHEMA_VERSION, contractSchema, NOT_MONEY } from "./contract.js";
export type { CreditBurnOrder, CreditGrantTerms } from "./creditGrant.js";
export { CREDIT_BURN_ORDERS, creditBurnOrderSchema, creditGrantSchema } from "./creditGrant.js";
export type { CorrectionTerms, CreditNote } from "./creditNote.js";
export {
  CREDIT_NOTE_SCHEMA_VERSION,
  correctionSchema,
  correctionsSchema,
  creditNoteSchema,
} from "./creditNote.js";
export { DIGEST_PATTERN, digestMismatch, digestOf, sha256Digest, withDigest } from "./digest.js";
export type { DiscountTerms } from "./discount.js";
export { discountSchema } from "./discount.js";
export { isInheritedName, isPropertyValue, propertyOf } from "./eventProperties.js";
export type {
  AppliedAllowance,
  AppliedCommitment,
  AppliedCredit,
  AppliedDiscount,
  ComputationData,
  ExclusionReason,
  Invoice,
  InvoiceLine,
  InvoiceTax,
  PriceKind,
  PriceStep,
  Step,
  UsageExclusion,
  UsageReport,
} from "./invoice.js";
export {
  carriedStatesSchema,
  EXCLUSION_REASONS,
  INVOICE_SCHEMA_VERSION,
  invoiceSchema,
  PRICE_KINDS,
  stepSchema,
} from "./invoice.js";
export type { InputProblem } from "./issuesToError.js";
export { toInputError, toProblems } from "./issuesToError.js";
export { contractJsonSchema, invoiceJsonSchema } from "./jsonSchema.js";
export { loosen } from "./loosen.js";
export type {
  AggregationName,
  EntityTerms,
  FilterTerms,
  MeterTerms,
  PercentileTerms,
  WeightedTerms,
  WindowTerms,
} from "./meter.js";
export { AGGREGATIONS } from "./meter.js";
export type {
  Amendment,
  CarriedMeterStateInput,
  Contract,
  SafeParseContractResult,
} from "./parseContract.js";
export { parseCarriedStates, parseContract, safeParseContract } from "./parseContract.js";
export type { SafeParseInvoiceResult } from "./parseIssued.js";
export {
  creditNoteReaderSchema,
  invoiceReaderSchema,
  parseCreditNote,
  parseInvoice,
  safeParseInvoice,
} from "./parseIssued.js";
export type { SafeParseUsageEventResult } from "./parseUsageEvent.js";
export { parseUsageEvent, safeParseUsageEvent } from "./parseUsageEvent.js";
export type { GroupedTerms, MatrixTerms, PriceModelName, PriceTerms, SimplePriceTerms } from "./price.js";
export { groupedTermsSchema, matrixTermsSchema, modelsIn, priceSchema, simplePriceSchema } from "./price.js";
export type { CapacityTerms, CapacityTierTerms } from "./prices/capacity.js";
export { capacityTermsSchema } from "./prices/capacity.js";
export type { DynamicTerms } from "./prices/dynamic.js";
export { dynamicTermsSchema } from "./prices/dynamic.js";
export type { FlatTerms } from "./prices/flat.js";
export { flatTermsSchema } from "./prices/flat.js";
export type { GraduatedTerms } from "./prices/graduated.js";
export { graduatedTermsSchema } from "./prices/graduated.js";
export type { GraduatedPercentageTerms, PercentTierTerms } from "./prices/graduatedPercentage.js";
export { graduatedPercentageTermsSchema } from "./prices/graduatedPercentage.js";
export type { PackageTerms } from "./prices/package.js";
export { packageTermsSchema } from "./prices/package.js";
export type { PercentageTerms } from "./prices/percentage.js";
export { percentageTermsSchema } from "./prices/percentage.js";
export type { BandTerms, ThresholdTerms } from "./prices/threshold.js";
export { thresholdTermsSchema } from "./prices/threshold.js";
export type { PackageTierTerms, TieredPackageTerms } from "./prices/tieredPackage.js";
export { tieredPackageTermsSchema } from "./prices/tieredPackage.js";
export type { MinimumTierTerms, TieredWithMinimumTerms } from "./prices/tieredWithMinimum.js";
export { tieredWithMinimumTermsSchema } from "./prices/tieredWithMinimum.js";
export type { TierTerms } from "./prices/tiers.js";
export type { UnitTerms } from "./prices/unit.js";
export { unitTermsSchema } from "./prices/unit.js";
export type { VolumeTerms } from "./prices/volume.js";
export { volumeTermsSchema } from "./prices/volume.js";
export type { TaxRateTerms, TaxTerms } from "./tax.js";
export { taxSchema } from "./tax.js";
export type { PropertyValue, UsageEvent, UsageEventInput } from "./usageEvent.js";
