import type { FocusRow } from "../../src/index.js";
import { Decimal, exactProduct, isoCurrencyCodes } from "../../src/money/index.js";

// The requirements of FOCUS 1.2 on the columns ratecard writes, transcribed from the specification's own
// column and attribute files (repository FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec, folder specification/;
// read at commit 07eb2f3e, whose files carry the 1.1/1.2 text, unless another commit is named). Each
// requirement names its file; `violations` lists every requirement a row breaks, as "Column: what".
// ratecard's columns are checked against these, not against the code's own idea of them.

const SPEC = "specification/columns";

/** Decimal columns (Data type "Decimal"; attributes/numeric_format.md @04a7fe8d). */
export const DECIMAL_COLUMNS = [
  "BilledCost", // billedcost.md @0529d3a1
  "EffectiveCost", // effectivecost.md
  "ListCost", // listcost.md @0592f36c
  "ContractedCost", // contractedcost.md @0592f36c
  "ListUnitPrice", // listunitprice.md
  "ContractedUnitPrice", // contractedunitprice.md
  "PricingQuantity", // pricingquantity.md @0e22a7f6
  "ConsumedQuantity", // consumedquantity.md
  "CommitmentDiscountQuantity", // commitmentdiscountquantity.md
] as const;

/** Date/time columns (Data type "Date/Time"; attributes/datetime_format.md @0942b25c). */
export const DATE_TIME_COLUMNS = [
  "BillingPeriodStart",
  "BillingPeriodEnd",
  "ChargePeriodStart", // chargeperiodstart.md @088038b2
  "ChargePeriodEnd",
] as const;

/** Columns that "MUST NOT be null" (each file's "Allows nulls: False"). */
export const NOT_NULL_COLUMNS = [
  "BilledCost", // billedcost.md
  "EffectiveCost", // effectivecost.md
  "ListCost", // listcost.md
  "ContractedCost", // contractedcost.md
  "BillingAccountId", // billingaccountid.md
  "BillingCurrency", // billingcurrency.md
  "BillingPeriodStart", // billingperiodstart.md
  "BillingPeriodEnd", // billingperiodend.md
  "ChargeCategory", // chargecategory.md
  "ChargeFrequency", // chargefrequency.md @1c4b3611: "MUST NOT be null or empty"
  "ChargePeriodStart", // chargeperiodstart.md
  "ChargePeriodEnd", // chargeperiodend.md
  "InvoiceIssuerName", // invoiceissuer.md @082a7a06
  "ProviderName", // provider.md @1c4b3611
  "PublisherName", // publisher.md
  "ServiceCategory", // servicecategory.md
  "ServiceName", // servicename.md
  "ChargeDescription", // chargedescription.md: "SHOULD NOT be null" (ratecard always has one)
] as const;

/** Allowed values of the allowed-value columns (null allowed where the file allows nulls). */
export const ALLOWED_VALUES: Readonly<Record<string, ReadonlyArray<string | null>>> = {
  ChargeCategory: ["Usage", "Purchase", "Tax", "Credit", "Adjustment"], // chargecategory.md
  ChargeClass: [null, "Correction"], // chargeclass.md @055c76bb: "MUST be 'Correction' when not null"
  ChargeFrequency: ["One-Time", "Recurring", "Usage-Based"], // chargefrequency.md
  PricingCategory: [null, "Standard", "Dynamic", "Committed", "Other"], // pricingcategory.md
  CommitmentDiscountStatus: [null, "Used", "Unused"], // commitmentdiscountstatus.md
  CommitmentDiscountCategory: [null, "Spend", "Usage"], // commitmentdiscountcategory.md
  ServiceCategory: [
    // servicecategory.md
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
  ],
};

// numeric_format.md: integer or decimal; no exponent, no "+", no commas or other characters; "-" for negatives.
const NUMERIC = /^-?\d+(\.\d+)?$/;
// datetime_format.md: UTC, 'YYYY-MM-DDTHH:mm:ssZ', date and time separated by 'T', ending with 'Z'.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const dec = (value: string | null) => (value === null ? null : new Decimal(value));

/** Every requirement `row` breaks, as "Column: requirement (file)"; empty when it meets them all. */
export function violations(row: FocusRow): string[] {
  const found: string[] = [];
  const fail = (column: string, what: string, file: string) =>
    found.push(`${column}: ${what} (${SPEC}/${file})`);
  for (const column of DECIMAL_COLUMNS) {
    const value = row[column];
    if (value !== null && !NUMERIC.test(value))
      fail(column, `"${value}" is not in Numeric Format`, "../attributes/numeric_format.md");
  }
  for (const column of DATE_TIME_COLUMNS) {
    const value = row[column];
    if (value !== null && !DATE_TIME.test(value))
      fail(column, `"${value}" is not YYYY-MM-DDTHH:mm:ssZ`, "../attributes/datetime_format.md");
  }
  for (const column of NOT_NULL_COLUMNS) {
    if (row[column] === null || row[column] === "")
      fail(column, "MUST NOT be null", `${column.toLowerCase()}.md`);
  }
  for (const [column, allowed] of Object.entries(ALLOWED_VALUES)) {
    const value = row[column as keyof FocusRow];
    if (!allowed.includes(value))
      fail(column, `"${value}" is not an allowed value`, `${column.toLowerCase()}.md`);
  }
  // currency_format.md / billingcurrency.md: an ISO 4217 alphabetic code.
  if (row.BillingCurrency !== null && !isoCurrencyCodes().includes(row.BillingCurrency)) {
    fail("BillingCurrency", `"${row.BillingCurrency}" is not an ISO 4217 code`, "billingcurrency.md");
  }
  const category = row.ChargeCategory;
  const correction = row.ChargeClass === "Correction";
  // chargefrequency.md: "When ChargeCategory is 'Purchase', ChargeFrequency MUST NOT be 'Usage-Based'."
  if (category === "Purchase" && row.ChargeFrequency === "Usage-Based")
    fail("ChargeFrequency", "Usage-Based on a Purchase", "chargefrequency.md");
  // listunitprice.md, contractedunitprice.md, pricingquantity.md, pricingunit.md, pricingcategory.md, skuid.md,
  // skupriceid.md: "MUST NOT be null when ChargeClass is not 'Correction' and ChargeCategory is 'Usage' or
  // 'Purchase', MUST be null when ChargeCategory is 'Tax'".
  for (const column of [
    "ListUnitPrice",
    "ContractedUnitPrice",
    "PricingQuantity",
    "PricingUnit",
    "PricingCategory",
    "SkuId",
    "SkuPriceId",
  ] as const) {
    if (!correction && (category === "Usage" || category === "Purchase") && row[column] === null)
      fail(column, `null on a ${category} row`, `${column.toLowerCase()}.md`);
    if (category === "Tax" && row[column] !== null)
      fail(column, "not null on a Tax row", `${column.toLowerCase()}.md`);
  }
  // listunitprice.md, contractedunitprice.md: "within the range of non-negative decimal values".
  for (const column of ["ListUnitPrice", "ContractedUnitPrice"] as const) {
    if (dec(row[column])?.isNegative()) fail(column, "negative", `${column.toLowerCase()}.md`);
  }
  // listcost.md / contractedcost.md / pricingquantity.md: "multiplying ListUnitPrice by PricingQuantity MUST
  // produce the ListCost, except in cases of ChargeClass 'Correction'"; the same for the contracted pair.
  const pairs = [
    ["ListUnitPrice", "ListCost"],
    ["ContractedUnitPrice", "ContractedCost"],
  ] as const;
  for (const [price, cost] of pairs) {
    const unitPrice = dec(row[price]);
    const quantity = dec(row.PricingQuantity);
    if (
      !correction &&
      unitPrice !== null &&
      quantity !== null &&
      !exactProduct(unitPrice, quantity).equals(row[cost] ?? "NaN")
    ) {
      fail(cost, `${row[price]} × ${row.PricingQuantity} is not ${row[cost]}`, `${cost.toLowerCase()}.md`);
    }
    // "The ListCost of a charge unrelated to other charges (e.g. 'Credit') MUST match the BilledCost."
    if (unitPrice === null && category === "Credit" && row[cost] !== row.BilledCost)
      fail(cost, "does not match BilledCost on a Credit row", `${cost.toLowerCase()}.md`);
  }
  // effectivecost.md: "The EffectiveCost MUST match the BilledCost if the charge is unrelated to other
  // charges (e.g. ChargeCategory is 'Credit')".
  if (category === "Credit" && row.EffectiveCost !== row.BilledCost)
    fail("EffectiveCost", "does not match BilledCost on a Credit row", "effectivecost.md");
  // consumedquantity.md / consumedunit.md (@07eb2f3e): not null and positive when Usage, status not
  // "Unused" and not a correction; may be anything for such a correction; "MUST be null in all other cases".
  const consumes = category === "Usage" && row.CommitmentDiscountStatus !== "Unused";
  if (consumes && !correction) {
    if (!(dec(row.ConsumedQuantity)?.gt(0) ?? false))
      fail("ConsumedQuantity", "not a positive decimal on a Usage row", "consumedquantity.md");
    if (row.ConsumedUnit === null) fail("ConsumedUnit", "null on a Usage row", "consumedunit.md");
  }
  if (!consumes && row.ConsumedQuantity !== null)
    fail("ConsumedQuantity", "MUST be null", "consumedquantity.md");
  if (!consumes && row.ConsumedUnit !== null) fail("ConsumedUnit", "MUST be null", "consumedunit.md");
  // commitmentdiscountid.md: null when the charge is not associated with a commitment discount;
  // commitmentdiscountcategory.md, commitmentdiscounttype.md: null when CommitmentDiscountId is null, not
  // null when it is not; commitmentdiscountstatus.md: null when the id is null, not null when the id is
  // not and ChargeCategory is "Usage"; commitmentdiscountunit.md: not null when the id is not null and
  // not a correction, null in all other cases; commitmentdiscountquantity.md: the unused quantity,
  // positive, when Usage and "Unused" (not a correction), null when the id is null.
  const committed = row.CommitmentDiscountId !== null;
  for (const column of [
    "CommitmentDiscountCategory",
    "CommitmentDiscountType",
    "CommitmentDiscountName",
  ] as const) {
    if (!committed && row[column] !== null)
      fail(column, "not null without a CommitmentDiscountId", `${column.toLowerCase()}.md`);
  }
  for (const column of ["CommitmentDiscountCategory", "CommitmentDiscountType"] as const) {
    if (committed && row[column] === null)
      fail(column, "null with a CommitmentDiscountId", `${column.toLowerCase()}.md`);
  }
  if (!committed && row.CommitmentDiscountStatus !== null)
    fail("CommitmentDiscountStatus", "not null without an id", "commitmentdiscountstatus.md");
  if (committed && category === "Usage" && row.CommitmentDiscountStatus === null)
    fail("CommitmentDiscountStatus", "null on a committed Usage row", "commitmentdiscountstatus.md");
  if (committed && !correction && row.CommitmentDiscountUnit === null)
    fail("CommitmentDiscountUnit", "null with an id", "commitmentdiscountunit.md");
  if (!committed && row.CommitmentDiscountUnit !== null)
    fail("CommitmentDiscountUnit", "MUST be null", "commitmentdiscountunit.md");
  if (!committed && row.CommitmentDiscountQuantity !== null)
    fail("CommitmentDiscountQuantity", "MUST be null", "commitmentdiscountquantity.md");
  if (
    committed &&
    !correction &&
    category === "Usage" &&
    row.CommitmentDiscountStatus === "Unused" &&
    !(dec(row.CommitmentDiscountQuantity)?.gt(0) ?? false)
  ) {
    fail("CommitmentDiscountQuantity", "not the positive unused quantity", "commitmentdiscountquantity.md");
  }
  // chargeperiodstart.md / billingperiodstart.md: inclusive start, exclusive end.
  if (
    row.ChargePeriodStart !== null &&
    row.ChargePeriodEnd !== null &&
    !(row.ChargePeriodStart < row.ChargePeriodEnd)
  )
    fail("ChargePeriodEnd", "not after ChargePeriodStart", "chargeperiodend.md");
  if (
    row.BillingPeriodStart !== null &&
    row.BillingPeriodEnd !== null &&
    !(row.BillingPeriodStart < row.BillingPeriodEnd)
  )
    fail("BillingPeriodEnd", "not after BillingPeriodStart", "billingperiodend.md");
  // custom_column_handling.md: custom columns carry the "x_" prefix; FOCUS columns are PascalCase.
  for (const column of Object.keys(row)) {
    if (!/^[A-Z][A-Za-z]+$/.test(column) && !/^x_[A-Za-z]+$/.test(column))
      fail(column, "neither a FOCUS column id nor x_-prefixed", "../attributes/custom_column_handling.md");
  }
  return found;
}
