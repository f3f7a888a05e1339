export { amountTextSchema, nullableAmountTextSchema } from "./amountText.js";
export { canonicalJson } from "./canonicalJson.js";
export { choiceHint, fieldOf, type OtherSystemsName, withHint } from "./choiceHint.js";
export { closestChoice } from "./closestChoice.js";
export type { ComputationData } from "./computation.js";
export { computationSchema } from "./computation.js";
export { countsDistinctValues } from "./countsDistinctValues.js";
export type { CorrectionTerms, CreditNote } from "./creditNote.js";
export {
  CREDIT_NOTE_SCHEMA_VERSION,
  correctionSchema,
  correctionsSchema,
  creditNoteSchema,
} from "./creditNote.js";
export {
  DIGEST_PATTERN,
  digestMismatch,
  digestOf,
  type Sha256,
  sha256Digest,
  sha256OfCanonical,
  withDigest,
} from "./digest.js";
export { divisorRoundingRule } from "./divisorRoundingRule.js";
export { isInheritedName, isPropertyValue, propertyOf } from "./eventProperties.js";
export { computedFilterFormula } from "./filterFormula.js";
export type {
  AllowanceStep,
  AppliedAllowance,
  AppliedCommitment,
  AppliedCredit,
  AppliedDiscount,
  CommitmentOverageStep,
  CommitmentTrueUpStep,
  ExclusionReason,
  InvoiceTax,
  OverrideStep,
  TermStep,
  UsageExclusion,
  UsageReport,
} from "./invoice.js";
export {
  allowanceStepSchema,
  appliedAllowanceSchema,
  appliedCommitmentSchema,
  appliedCreditSchema,
  appliedDiscountSchema,
  COMMITMENT_PRICE_KINDS,
  carriedStatesSchema,
  commitmentOverageStepSchema,
  commitmentTrueUpStepSchema,
  EXCLUSION_REASONS,
  INVOICE_SCHEMA_VERSION,
  invoiceTaxSchema,
  overrideStepSchema,
  usageReportSchema,
} from "./invoice.js";
export type { InputProblem } from "./issuesToError.js";
export { toInputError, toProblems } from "./issuesToError.js";
export type { LineOf, StepData } from "./line.js";
export { lineSchemaOf } from "./line.js";
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
export { isSlotKey, type ObjectSlot, objectSlot, perObject } from "./objectSlot.js";
export type { CarriedMeterStateInput } from "./parseCarriedStates.js";
export { parseCarriedStates, parseCarriedStatesAt } from "./parseCarriedStates.js";
export type { SafeParseUsageEventResult, UsageEventOptions } from "./parseUsageEvent.js";
export { parseUsageEvent, safeParseUsageEvent } from "./parseUsageEvent.js";
export { isCount, plainRecord } from "./plainRecord.js";
export {
  basisPointsSchema,
  boundedDecimalSchema,
  decimalSchema,
  idSchema,
  instantSchema,
  issueOf,
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
export { scaledCount } from "./scaledCount.js";
export type { BillableQuantityStep } from "./steps/billableQuantity.js";
export { billableQuantityStepSchema } from "./steps/billableQuantity.js";
export type { BilledEarlierStep } from "./steps/billedEarlier.js";
export { billedEarlierStepSchema } from "./steps/billedEarlier.js";
export type { CommonStep } from "./steps/commonStep.js";
export type { ContractQuantityStep } from "./steps/contractQuantity.js";
export { contractQuantityStepSchema } from "./steps/contractQuantity.js";
export type { FullQuantityTiersStep } from "./steps/fullQuantityTiers.js";
export { fullQuantityTiersStepSchema } from "./steps/fullQuantityTiers.js";
export type { GroupShareStep, GroupTotalStep } from "./steps/groupShare.js";
export { groupShareStepSchema, groupTotalStepSchema } from "./steps/groupShare.js";
export type { LineLimitStep } from "./steps/lineLimit.js";
export { lineLimitStepSchema } from "./steps/lineLimit.js";
export type { ProrationStep } from "./steps/proration.js";
export { prorationStepSchema } from "./steps/proration.js";
export type { RoundingStep } from "./steps/rounding.js";
export { roundingStepSchema } from "./steps/rounding.js";
export type { TrialStep } from "./steps/trial.js";
export { trialStepSchema } from "./steps/trial.js";
export type { UnusedTimeStep } from "./steps/unusedTime.js";
export { unusedTimeStepSchema } from "./steps/unusedTime.js";
export type { UnusedTimeDiscountStep } from "./steps/unusedTimeDiscount.js";
export { unusedTimeDiscountStepSchema } from "./steps/unusedTimeDiscount.js";
export type { UsageStep } from "./steps/usage.js";
export { usageStepSchema } from "./steps/usage.js";
export type { PricedWindow, WindowBucketTotal, WindowPricingStep } from "./steps/windowPricing.js";
export { windowPricingStepSchema } from "./steps/windowPricing.js";
export type { PropertyValue, UsageEvent, UsageEventInput } from "./usageEvent.js";
export { eventPropertyValueSchema } from "./usageEvent.js";
export type { ValueExpression, WeightByTerms } from "./valueExpression.js";
export { meterValueSchema, VALUE_EXPRESSION_DEPTH } from "./valueExpression.js";
export { valueFormula } from "./valueFormula.js";
export type { StepContext, StepSentences, Words } from "./words.js";
export { writeCanonical } from "./writeCanonical.js";
