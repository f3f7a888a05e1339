import { readFileSync } from "node:fs";
import { join } from "node:path";
import { data as iso4217, publishDate } from "currency-codes";
import { describe, expect, it } from "vitest";
import { currencyTableSource } from "../../scripts/generateCurrencyTable.mjs";
import { isoCurrencyCodes, resolveCurrency } from "../../src/money/index.js";

// src/money/iso4217.ts is generated from the currency-codes package (scripts/generateCurrencyTable.mjs),
// so the rating core does not carry the package's names and countries. These tests fail when the two
// disagree: after updating currency-codes, run the script.
describe("the generated ISO 4217 table", () => {
  it("knows exactly the codes of the currency-codes package", () => {
    const packageCodes = [...new Set(iso4217.map((currency) => currency.code))].sort();
    expect(isoCurrencyCodes()).toEqual(packageCodes);
  });

  it("gives every code the package's minor units", () => {
    const table = Object.fromEntries(
      isoCurrencyCodes().map((code) => [code, resolveCurrency(code).minorUnits]),
    );
    const fromPackage = Object.fromEntries(iso4217.map((currency) => [currency.code, currency.digits]));
    expect(table).toEqual(fromPackage);
  });

  it("is what the script writes from the installed package today", () => {
    const source = readFileSync(join(import.meta.dirname, "../../src/money/iso4217.ts"), "utf8");
    expect(source).toBe(currencyTableSource());
    expect(source).toContain(`ISO 4217 list of\n// ${publishDate}`);
  });
});
