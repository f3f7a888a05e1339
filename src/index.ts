// ratecard's public API. Every export is named here (no `export *`), and a test snapshots this list
// so the public surface never changes by accident.

export type { Attribution, DiffCause, DiffResult } from "./compare/index.js";
export { DIFF_CAUSES, diff } from "./compare/index.js";
export type {
  AllowanceTerms,
  Amendment,
  ChargeTerms,
  Contract,
  ContractInput,
  CreditBurnOrder,
  Override,
  SafeParseContractResult,
  TaxRateTerms,
  TaxTerms,
  TermBoundary,
} from "./contracts/index.js";
export {
  CONTRACT_SCHEMA_VERSION,
  CREDIT_BURN_ORDERS,
  contractJsonSchema,
  contractSchema,
  parseContract,
  safeParseContract,
} from "./contracts/index.js";
export type {
  ErrorMessage,
  JsonPath,
  RatecardErrorCode,
  Warning,
  WarningCode,
  WarningDetails,
} from "./errors/index.js";
export {
  ContractError,
  InputError,
  InvariantError,
  isRatecardError,
  RatecardError,
  toJsonPath,
  UsageError,
  WARNING_CODES,
} from "./errors/index.js";
export type { MoneyStyle } from "./explain/index.js";
export { currencyPrefix, escapeControl, explainLine, explainText } from "./explain/index.js";
export type {
  CreditNoteOptions,
  Invoice,
  InvoiceLine,
  PriceKind,
  RateInvoiceOptions,
  SafeParseInvoiceResult,
  ServicePeriod,
  Step,
} from "./invoice/index.js";
export {
  invoiceJsonSchema,
  invoiceSchema,
  issueCreditNote,
  PRICE_KINDS,
  parseCreditNote,
  parseInvoice,
  rateInvoice,
  rateInvoiceAsync,
  rateOpeningInvoice,
  rateParsedInvoice,
  resolveServicePeriod,
  safeParseInvoice,
} from "./invoice/index.js";
export type {
  AggregateUsageOptions,
  AggregateUsageResult,
  CarriedMeterState,
  Computation,
  EventSource,
  Exclusion,
  FinalizeContext,
  GroupedQuantities,
  GroupQuantity,
  MeterOutcome,
  MeterQuantity,
  MeterRequest,
  Reducer,
  Sample,
} from "./meters/index.js";
export { aggregateUsage, aggregateUsageAsync, compileMeter } from "./meters/index.js";
export type { Currency, CustomUnit, DecimalInput, DecimalParseResult, RoundingMode } from "./money/index.js";
export {
  allocate,
  Decimal,
  isIsoCurrency,
  isoCurrencyCodes,
  ROUNDING_MODES,
  resolveCurrency,
  roundTo,
  safeParseDecimal,
  toDecimal,
  toFixedString,
  toPlainString,
} from "./money/index.js";
export type {
  Grouping,
  PriceInput,
  PriceModel,
  PriceModelDefinition,
  PriceModelFacts,
  PriceModelName,
  PriceResult,
  PriceStep,
  PriceTerms,
  RatedAmount,
  RatingContext,
  StepSchema,
  TermsBase,
  TermsOf,
  TermsSchema,
  TierTerms,
} from "./pricing/index.js";
export { PRICE_MODELS, ratePrice } from "./pricing/index.js";
export type {
  AllowanceStep,
  AppliedAllowance,
  BillableQuantityStep,
  CarriedMeterStateInput,
  CommitmentOverageStep,
  CommitmentTrueUpStep,
  CommonStep,
  ComputationData,
  ContractQuantityStep,
  CorrectionTerms,
  CreditNote,
  ExclusionReason,
  FilterTerms,
  InvoiceTax,
  LineLimitStep,
  LineOf,
  MeterTerms,
  OverrideStep,
  PropertyValue,
  ProrationStep,
  RoundingStep,
  SafeParseUsageEventResult,
  StepContext,
  StepData,
  TermStep,
  TrialStep,
  UnusedTimeStep,
  UsageEvent,
  UsageEventInput,
  UsageExclusion,
  UsageReport,
  UsageStep,
  Words,
} from "./schema/index.js";
export {
  canonicalJson,
  creditNoteSchema,
  digestOf,
  EXCLUSION_REASONS,
  INVOICE_SCHEMA_VERSION,
  parseCarriedStates,
  parseUsageEvent,
  safeParseUsageEvent,
} from "./schema/index.js";
export type {
  Alignment,
  BillingCycle,
  Cadence,
  LocalDate,
  Period,
  ProrationBasis,
  ProrationRatio,
} from "./time/index.js";
export {
  applyRatio,
  formatInstant,
  nthPeriod,
  parseInstant,
  parsePeriod,
  periodOf,
  periodsBetween,
  prorationRatio,
} from "./time/index.js";
