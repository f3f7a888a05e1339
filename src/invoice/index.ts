export type { AggregatesMadeFor } from "./aggregatesMadeFor.js";
export { madeForOf } from "./aggregatesMadeFor.js";
export { assertEarlierNote } from "./assertCreditable.js";
export type { CorrectionBalances } from "./balancesAfterCorrection.js";
export { balancesAfterCorrection } from "./balancesAfterCorrection.js";
export { balancesAfterNotes } from "./balancesAfterNotes.js";
export type { BelowZeroNotDue } from "./belowZeroNotDue.js";
export { belowZeroNotDue } from "./belowZeroNotDue.js";
export type { BillProgressivelyOptions } from "./billProgressively.js";
export { billParsedProgressively, billProgressively } from "./billProgressively.js";
export type { Burn } from "./burnAmount.js";
export { burnAmount } from "./burnAmount.js";
export { burnOrder } from "./burnOrder.js";
export type { ContractInBatch } from "./contractInBatch.js";
export { batchDecision, contractInBatch } from "./contractInBatch.js";
export type {
  LateEventsAccount,
  LateUsageDeltaLine,
  LateUsageOptions,
  LateUsageResult,
} from "./correctLateUsage.js";
export { correctLateParsedUsage, correctLateUsage } from "./correctLateUsage.js";
export type { CreditNoteOptions } from "./creditNote.js";
export { issueCreditNote } from "./creditNote.js";
export { unitOf, unitsInWords } from "./creditNoteUnits.js";
export { requireOptions, requirePeriod } from "./entryArguments.js";
export type { EvidenceEvent } from "./evidenceCollector.js";
export type { UsageEvidenceOptions } from "./evidenceOptions.js";
export { invoiceJsonSchema } from "./invoiceJsonSchema.js";
export type { Invoice, InvoiceLine, PriceKind, Step } from "./invoiceSchema.js";
export { invoiceLineSchema, invoiceSchema, PRICE_KINDS, stepSchema } from "./invoiceSchema.js";
export type { LateEventsNotCounted } from "./lateEventsNotCounted.js";
export type { SafeParseInvoiceResult } from "./parseIssued.js";
export {
  creditNoteReaderSchema,
  invoiceReaderSchema,
  parseCreditNote,
  parseInvoice,
  safeParseInvoice,
} from "./parseIssued.js";
export { keepsPeriodRoundingSoFar } from "./periodRoundingSoFar.js";
export { previewInvoice, previewParsedInvoice } from "./previewInvoice.js";
export type { ProjectionMethod } from "./previewSchema.js";
export { PROJECTION_METHODS } from "./previewSchema.js";
export type { InvoiceProgressive } from "./progressiveSchema.js";
export type { InAdvanceFee, InAdvanceResult } from "./rateInAdvance.js";
export { inAdvanceFee, rateInAdvance } from "./rateInAdvance.js";
export type { RateInvoiceOptions } from "./rateInvoice.js";
export { rateInvoice, rateInvoiceAsync, rateOpeningInvoice, rateParsedInvoice } from "./rateInvoice.js";
export type {
  BatchSummary,
  ContractOnAnotherCycle,
  ContractOutOfTerm,
  RateManyOptions,
  RateManyResult,
} from "./rateMany.js";
export { rateMany, summarizeBatch } from "./rateMany.js";
export type { ProgressiveInvoiceOptions } from "./rateProgressiveInvoice.js";
export {
  rateClosingInvoice,
  rateClosingParsedInvoice,
  rateProgressiveInvoice,
  rateProgressiveParsedInvoice,
} from "./rateProgressiveInvoice.js";
export type { RatingShare } from "./ratingShare.js";
export { createRatingShare } from "./ratingShare.js";
export type { ServicePeriod } from "./resolveServicePeriod.js";
export { resolveServicePeriod } from "./resolveServicePeriod.js";
export type { CreditBalances } from "./stages/credits.js";
export type { CarriedCommitmentSpend } from "./stages/cumulativeCommitment.js";
export { applyTax } from "./stages/tax.js";
export { chargeOfLine, pieceDateOf } from "./termsAt.js";
export type { PreparedRating, UsageAggregates, UsageShard } from "./usageAggregates.js";
export {
  aggregatedPeriods,
  aggregateForRating,
  aggregateParsedForRating,
  mergeUsageAggregates,
  prepareRating,
  rateFromAggregates,
  rateParsedForRating,
} from "./usageAggregates.js";
export type { DuplicateEvidence, GroupEvidence, MeterEvidence, UsageEvidence } from "./usageEvidence.js";
export { usageEvidence, usageEvidenceAsync } from "./usageEvidence.js";
export type { StretchEvidence } from "./usageStretches.js";
