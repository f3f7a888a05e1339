export { amountTextSchema, nullableAmountTextSchema } from "./amountText.js";
export { canonicalJson } from "./canonicalJson.js";
export type { CorrectionTerms, CreditNote } from "./creditNote.js";
export {
  CREDIT_NOTE_SCHEMA_VERSION,
  correctionSchema,
  correctionsSchema,
  creditNoteSchema,
} from "./creditNote.js";
export { DIGEST_PATTERN, digestMismatch, digestOf, sha256Digest, withDigest } from "./digest.js";
export { isInheritedName, isPropertyValue, propertyOf } from "./eventProperties.js";
export type {
  AppliedAllowance,
  AppliedCommitment,
  AppliedCredit,
  AppliedDiscount,
  ComputationData,
  ExclusionReason,
  InvoiceLine,
  InvoiceTax,
  PriceKind,
  PriceStep,
  Step,
  UsageExclusion,
  UsageReport,
} from "./invoice.js";
export {
  appliedAllowanceSchema,
  appliedCommitmentSchema,
  appliedCreditSchema,
  appliedDiscountSchema,
  carriedStatesSchema,
  EXCLUSION_REASONS,
  INVOICE_SCHEMA_VERSION,
  invoiceLineSchema,
  invoiceTaxSchema,
  PRICE_KINDS,
  stepSchema,
  usageReportSchema,
} from "./invoice.js";
export type { InputProblem } from "./issuesToError.js";
export { toInputError, toProblems } from "./issuesToError.js";
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
export { AGGREGATIONS, meterSchema } from "./meter.js";
export type { CarriedMeterStateInput } from "./parseCarriedStates.js";
export { parseCarriedStates } from "./parseCarriedStates.js";
export type { SafeParseUsageEventResult } from "./parseUsageEvent.js";
export { parseUsageEvent, safeParseUsageEvent } from "./parseUsageEvent.js";
export {
  basisPointsSchema,
  boundedDecimalSchema,
  decimalSchema,
  idSchema,
  instantSchema,
  localDateSchema,
  moneyAmountSchema,
  nonNegativeRatioSchema,
  nonNegativeUnitPriceSchema,
  percentSchema,
  positiveMoneyAmountSchema,
  positivePercentSchema,
  positiveQuantitySchema,
  positiveRatioSchema,
  positiveUnitPriceSchema,
  quantitySchema,
  ratecardIssue,
  ratioSchema,
  roundingModeSchema,
  signedQuantitySchema,
  sizeSchema,
  unitPriceSchema,
} from "./primitives.js";
export type { PropertyValue, UsageEvent, UsageEventInput } from "./usageEvent.js";
