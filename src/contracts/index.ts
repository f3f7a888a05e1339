export { bucketHolds } from "./charge/checkWindowPricing.js";
export { meterReferences } from "./charge/meterReferences.js";
export type {
  WindowBucketTerms,
  WindowCommitmentTerms,
  WindowPricingTerms,
} from "./charge/windowPricingSchema.js";
export type {
  ChargeTerms,
  ContractInput,
  ParsedContractTerms,
  TermBoundary,
  TransformTerms,
} from "./contract.js";
export { CONTRACT_SCHEMA_VERSION, contractSchema, NOT_MONEY } from "./contract.js";
export { contractJsonSchema } from "./contractJsonSchema.js";
export type {
  Amendment,
  Contract,
  CreditBasis,
  Override,
  ParseContractOptions,
  PriceBookInForce,
  SafeParseContractResult,
} from "./parseContract.js";
export { parseContract, safeParseContract } from "./parseContract.js";
export type { PriceBook, PriceBookVersion, SafeParsePriceBookResult } from "./priceBooks/parsePriceBook.js";
export { parsePriceBook, safeParsePriceBook } from "./priceBooks/parsePriceBook.js";
export type { SafeResolveContractResult } from "./priceBooks/resolveContract.js";
export { resolveContract, safeResolveContract } from "./priceBooks/resolveContract.js";
export type { PriceBookInput, PriceBookReference } from "./priceBooks/schema.js";
export { PRICE_BOOK_SCHEMA_VERSION, priceBookSchema } from "./priceBooks/schema.js";
export type { TermLineStep } from "./termSentences.js";
export { TERM_STEP_SENTENCES } from "./termSentences.js";
export type { AllowanceTerms } from "./terms/allowances/schema.js";
export { allowanceSchema } from "./terms/allowances/schema.js";
export type { CommitmentTerms, CumulativeCommitmentTerms } from "./terms/commitments/schema.js";
export { commitmentSchema } from "./terms/commitments/schema.js";
export type { CreditBurnOrder, CreditGrantTerms } from "./terms/credits/schema.js";
export { CREDIT_BURN_ORDERS, creditBurnOrderSchema, creditGrantSchema } from "./terms/credits/schema.js";
export type { DiscountTerms } from "./terms/discounts/schema.js";
export { discountSchema } from "./terms/discounts/schema.js";
export type { LateUsageCorrection } from "./terms/lateUsage/schema.js";
export { LATE_USAGE_CORRECTIONS } from "./terms/lateUsage/schema.js";
export type { TaxRateTerms, TaxTerms } from "./terms/tax/schema.js";
export { taxSchema } from "./terms/tax/schema.js";
