import { describe, expect, it } from "vitest";
import * as ratecard from "../../src/index.js";

// The public API, listed by hand. A change here is a change to what users can import: make it on
// purpose, and mention it in the changelog.
const PUBLIC_VALUES = [
  "CONTRACT_SCHEMA_VERSION",
  "CREDIT_BURN_ORDERS",
  "ContractError",
  "Decimal",
  "EXCLUSION_REASONS",
  "INVOICE_SCHEMA_VERSION",
  "PRICE_KINDS",
  "InputError",
  "InvariantError",
  "PRICE_MODELS",
  "ROUNDING_MODES",
  "RatecardError",
  "UsageError",
  "WARNING_CODES",
  "aggregateUsage",
  "aggregateUsageAsync",
  "allocate",
  "applyRatio",
  "canonicalJson",
  "compileMeter",
  "contractJsonSchema",
  "contractSchema",
  "creditNoteSchema",
  "currencyPrefix",
  "digestOf",
  "escapeControl",
  "explainLine",
  "explainText",
  "formatInstant",
  "invoiceJsonSchema",
  "invoiceSchema",
  "isIsoCurrency",
  "issueCreditNote",
  "isRatecardError",
  "isoCurrencyCodes",
  "nthPeriod",
  "parseCarriedStates",
  "parseContract",
  "parseCreditNote",
  "parseInstant",
  "parseInvoice",
  "parsePeriod",
  "parseUsageEvent",
  "periodOf",
  "periodsBetween",
  "prorationRatio",
  "ratePrice",
  "rateInvoice",
  "rateInvoiceAsync",
  "rateOpeningInvoice",
  "rateParsedInvoice",
  "resolveCurrency",
  "resolveServicePeriod",
  "roundTo",
  "safeParseContract",
  "safeParseDecimal",
  "safeParseInvoice",
  "safeParseUsageEvent",
  "toDecimal",
  "toFixedString",
  "toJsonPath",
  "toPlainString",
];

// The public types, listed by hand too: every type a public signature names is exported (TypeDoc
// fails on one that is not, test/docs/apiReference.test.ts), and none is exported by accident.
const PUBLIC_TYPES = [
  "AggregateUsageOptions",
  "AggregateUsageResult",
  "Alignment",
  "AllowanceStep",
  "AllowanceTerms",
  "Amendment",
  "AppliedAllowance",
  "BillableQuantityStep",
  "BillingCycle",
  "Cadence",
  "CarriedMeterState",
  "CarriedMeterStateInput",
  "ChargeTerms",
  "CommitmentOverageStep",
  "CommitmentTrueUpStep",
  "CommonStep",
  "Computation",
  "ComputationData",
  "Contract",
  "ContractInput",
  "ContractQuantityStep",
  "CorrectionTerms",
  "CreditBurnOrder",
  "CreditNote",
  "CreditNoteOptions",
  "Currency",
  "CustomUnit",
  "DecimalInput",
  "DecimalParseResult",
  "ErrorMessage",
  "EventSource",
  "Exclusion",
  "ExclusionReason",
  "FilterTerms",
  "FinalizeContext",
  "GroupQuantity",
  "GroupedQuantities",
  "Grouping",
  "Invoice",
  "InvoiceLine",
  "InvoiceTax",
  "JsonPath",
  "LineLimitStep",
  "LineOf",
  "LocalDate",
  "MeterOutcome",
  "MeterQuantity",
  "MeterRequest",
  "MeterTerms",
  "MoneyStyle",
  "Override",
  "OverrideStep",
  "Period",
  "PriceInput",
  "PriceKind",
  "PriceModel",
  "PriceModelDefinition",
  "PriceModelFacts",
  "PriceModelName",
  "PriceResult",
  "PriceStep",
  "PriceTerms",
  "PropertyValue",
  "ProrationBasis",
  "ProrationRatio",
  "ProrationStep",
  "RateInvoiceOptions",
  "RatecardErrorCode",
  "RatedAmount",
  "RatingContext",
  "Reducer",
  "RoundingMode",
  "RoundingStep",
  "SafeParseContractResult",
  "SafeParseInvoiceResult",
  "SafeParseUsageEventResult",
  "Sample",
  "ServicePeriod",
  "Step",
  "StepContext",
  "StepData",
  "StepSchema",
  "TaxRateTerms",
  "TaxTerms",
  "TermStep",
  "TermsBase",
  "TermsOf",
  "TermsSchema",
  "TierTerms",
  "TrialStep",
  "UnusedTimeStep",
  "UsageEvent",
  "UsageEventInput",
  "UsageExclusion",
  "UsageReport",
  "UsageStep",
  "Words",
];

/** The names inside every `export type { … }` of src/index.ts. */
function exportedTypeNames(source: string): string[] {
  return [...source.matchAll(/^export type \{([^}]*)\}/gm)].flatMap((match) =>
    (match[1] ?? "")
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== ""),
  );
}

describe("public API", () => {
  it("exports exactly the listed values", () => {
    expect(Object.keys(ratecard).sort()).toEqual([...PUBLIC_VALUES].sort());
  });

  it("exports exactly the listed types", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(new URL("../../src/index.ts", import.meta.url), "utf8");
    expect(exportedTypeNames(text).sort()).toEqual([...PUBLIC_TYPES].sort());
  });

  it("names every export in src/index.ts (no export *)", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(new URL("../../src/index.ts", import.meta.url), "utf8");
    expect(text).not.toMatch(/^export \* from/m);
  });
});
