/** The FOCUS release the export follows (FinOps Open Cost and Usage Specification, docs/focus-export.md). */
export const FOCUS_VERSION = "1.2";

/**
 * The columns of ratecard's FOCUS cost-and-usage rows, in the order they are written: the FOCUS
 * columns ratecard fills, in the specification's alphabetical order, then ratecard's own columns with
 * the `x_` prefix FOCUS requires of custom columns (the contract and the invoice line a row comes from).
 */
export const FOCUS_COLUMNS = [
  "BilledCost",
  "BillingAccountId",
  "BillingAccountName",
  "BillingCurrency",
  "BillingPeriodEnd",
  "BillingPeriodStart",
  "ChargeCategory",
  "ChargeClass",
  "ChargeDescription",
  "ChargeFrequency",
  "ChargePeriodEnd",
  "ChargePeriodStart",
  "CommitmentDiscountCategory",
  "CommitmentDiscountId",
  "CommitmentDiscountName",
  "CommitmentDiscountQuantity",
  "CommitmentDiscountStatus",
  "CommitmentDiscountType",
  "CommitmentDiscountUnit",
  "ConsumedQuantity",
  "ConsumedUnit",
  "ContractedCost",
  "ContractedUnitPrice",
  "EffectiveCost",
  "InvoiceId",
  "InvoiceIssuerName",
  "ListCost",
  "ListUnitPrice",
  "PricingCategory",
  "PricingQuantity",
  "PricingUnit",
  "ProviderName",
  "PublisherName",
  "ServiceCategory",
  "ServiceName",
  "SkuId",
  "SkuPriceId",
  "x_ContractId",
  "x_LineId",
] as const;

export type FocusColumn = (typeof FOCUS_COLUMNS)[number];

/**
 * One FOCUS row: every column, a string or null (FOCUS's null: an empty field in CSV). Decimals are
 * exact decimal text (`"-8.25"`, never an exponent), date/times `YYYY-MM-DDTHH:mm:ssZ` in UTC.
 */
export type FocusRow = { readonly [C in FocusColumn]: string | null };

/** FOCUS's ServiceCategory values (specification/columns/servicecategory.md). */
export const FOCUS_SERVICE_CATEGORIES = [
  "AI and Machine Learning",
  "Analytics",
  "Business Applications",
  "Compute",
  "Databases",
  "Developer Tools",
  "Multicloud",
  "Identity",
  "Integration",
  "Internet of Things",
  "Management and Governance",
  "Media",
  "Migration",
  "Mobile",
  "Networking",
  "Security",
  "Storage",
  "Web",
  "Other",
] as const;

export type FocusServiceCategory = (typeof FOCUS_SERVICE_CATEGORIES)[number];
