// ratecard's public API. Every export is named here (no `export *`), and a test snapshots this list
// so the public surface never changes by accident.

export type { JsonPath, RatecardErrorCode } from "./errors/index.js";
export {
  ContractError,
  InputError,
  InvariantError,
  isRatecardError,
  RatecardError,
  toJsonPath,
  UsageError,
} from "./errors/index.js";
export { currencyPrefix, escapeControl, explainLine, explainText } from "./explain/index.js";
export type { CreditNoteOptions, RateInvoiceOptions, ServicePeriod } from "./invoice/index.js";
export {
  issueCreditNote,
  rateInvoice,
  rateInvoiceAsync,
  rateOpeningInvoice,
  rateParsedInvoice,
  resolveServicePeriod,
} from "./invoice/index.js";
export type {
  AggregateUsageOptions,
  AggregateUsageResult,
  CarriedMeterState,
  Computation,
  EventSource,
  Exclusion,
  MeterQuantity,
  Reducer,
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
export type { PriceModel, PriceResult, TermsOf } from "./pricing/index.js";
export { PRICE_MODELS, ratePrice } from "./pricing/index.js";
export type {
  AllowanceTerms,
  AppliedAllowance,
  ChargeTerms,
  Contract,
  ContractInput,
  CorrectionTerms,
  CreditBurnOrder,
  CreditNote,
  ExclusionReason,
  FilterTerms,
  Invoice,
  InvoiceLine,
  InvoiceTax,
  MeterTerms,
  PriceKind,
  PriceModelName,
  PriceStep,
  PriceTerms,
  SafeParseContractResult,
  SafeParseInvoiceResult,
  SafeParseUsageEventResult,
  Step,
  TaxRateTerms,
  TaxTerms,
  TierTerms,
  UsageEvent,
  UsageEventInput,
  UsageExclusion,
  UsageReport,
} from "./schema/index.js";
export {
  CONTRACT_SCHEMA_VERSION,
  CREDIT_BURN_ORDERS,
  canonicalJson,
  contractJsonSchema,
  contractSchema,
  creditNoteSchema,
  digestOf,
  EXCLUSION_REASONS,
  INVOICE_SCHEMA_VERSION,
  invoiceJsonSchema,
  invoiceSchema,
  PRICE_KINDS,
  parseCarriedStates,
  parseContract,
  parseCreditNote,
  parseInvoice,
  parseUsageEvent,
  safeParseContract,
  safeParseInvoice,
  safeParseUsageEvent,
} from "./schema/index.js";
export type {
  Alignment,
  BillingCycle,
  Cadence,
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
