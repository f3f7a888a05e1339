export type { ChargeTerms, ContractInput, ParsedContractTerms } from "./contract.js";
export { CONTRACT_SCHEMA_VERSION, contractSchema } from "./contract.js";
export type {
  ExclusionReason,
  Invoice,
  InvoiceLine,
  PriceStep,
  Step,
  UsageExclusion,
  UsageReport,
} from "./invoice.js";
export { EXCLUSION_REASONS, INVOICE_SCHEMA_VERSION, invoiceSchema, stepSchema } from "./invoice.js";
export type { InputProblem } from "./issuesToError.js";
export { contractJsonSchema } from "./jsonSchema.js";
export type { AggregationName, FilterTerms, MeterTerms } from "./meter.js";
export type { Contract, SafeParseContractResult } from "./parseContract.js";
export { parseContract, safeParseContract } from "./parseContract.js";
export type { SafeParseUsageEventResult } from "./parseUsageEvent.js";
export { parseUsageEvent, safeParseUsageEvent } from "./parseUsageEvent.js";
export type { PriceModelName, PriceTerms } from "./price.js";
export { priceSchema } from "./price.js";
export type { FlatTerms } from "./prices/flat.js";
export { flatTermsSchema } from "./prices/flat.js";
export type { GraduatedTerms } from "./prices/graduated.js";
export { graduatedTermsSchema } from "./prices/graduated.js";
export type { PackageTerms } from "./prices/package.js";
export { packageTermsSchema } from "./prices/package.js";
export type { TierTerms } from "./prices/tiers.js";
export type { UnitTerms } from "./prices/unit.js";
export { unitTermsSchema } from "./prices/unit.js";
export type { VolumeTerms } from "./prices/volume.js";
export { volumeTermsSchema } from "./prices/volume.js";
export type { PropertyValue, UsageEvent, UsageEventInput } from "./usageEvent.js";
