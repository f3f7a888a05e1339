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

describe("public API", () => {
  it("exports exactly the listed values", () => {
    expect(Object.keys(ratecard).sort()).toEqual([...PUBLIC_VALUES].sort());
  });

  it("names every export in src/index.ts (no export *)", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(new URL("../../src/index.ts", import.meta.url), "utf8");
    expect(text).not.toMatch(/^export \* from/m);
  });
});
