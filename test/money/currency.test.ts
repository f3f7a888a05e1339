import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/index.js";
import { isIsoCurrency, isoCurrencyCodes, resolveCurrency } from "../../src/money/index.js";
import { thrown } from "../_support/thrown.js";

describe("resolveCurrency", () => {
  it.each([
    // ISO 4217 minor units (not ICU's display digits, which show IQD with 0).
    ["USD", 2],
    ["EUR", 2],
    ["JPY", 0],
    ["BHD", 3],
    ["KWD", 3],
    ["CLF", 4],
    ["IQD", 3],
  ])("gives %s %i minor units, as ISO 4217 lists", (code, minorUnits) => {
    expect(resolveCurrency(code)).toEqual({ code, minorUnits });
  });

  it("resolves a custom unit the contract declares, with its own minor units", () => {
    // CREDIT is declared with 4 decimals: its smallest unit is 0.0001 credit.
    expect(resolveCurrency("CREDIT", [{ code: "CREDIT", minorUnits: 4 }])).toEqual({
      code: "CREDIT",
      minorUnits: 4,
    });
  });

  it("resolves an ISO code by ISO 4217 when the contract declares other custom units", () => {
    // USD is not among the custom units, so it keeps ISO's 2 decimals, not CREDIT's 4.
    expect(resolveCurrency("USD", [{ code: "CREDIT", minorUnits: 4 }])).toEqual({
      code: "USD",
      minorUnits: 2,
    });
  });

  it("says which code is unknown, where, and how to declare a unit of one's own", () => {
    expect((thrown(() => resolveCurrency("XYZ", [], "charges[3].currency")) as InputError).message).toBe(
      'charges[3].currency: "XYZ" is not an ISO 4217 currency code; declare it under customUnits if it is a unit of your own.',
    );
  });

  it("refuses an unknown code with unknown_currency at the given path", () => {
    const error = thrown(() => resolveCurrency("XYZ", [], "charges[3].currency"));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "unknown_currency", path: "charges[3].currency" });
  });

  it("refuses a lowercase ISO code with unknown_currency at the default path", () => {
    expect(thrown(() => resolveCurrency("usd"))).toMatchObject({
      code: "unknown_currency",
      path: "currency",
    });
  });

  it("refuses a custom unit code nobody declared", () => {
    // CREDIT is not ISO 4217 and the list of custom units is empty.
    expect(thrown(() => resolveCurrency("CREDIT"))).toMatchObject({ code: "unknown_currency" });
  });
});

describe("isoCurrencyCodes", () => {
  it("lists about 180 sorted, distinct ISO 4217 codes including USD and EUR", () => {
    const codes = isoCurrencyCodes();
    // ISO 4217 has about 180 active codes (including funds and precious metals such as XAU).
    expect(codes.length).toBeGreaterThanOrEqual(170);
    expect(codes.length).toBeLessThanOrEqual(190);
    expect(codes).toContain("USD");
    expect(codes).toContain("EUR");
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
    for (const code of codes) expect(code).toMatch(/^[A-Z]{3}$/);
  });

  it("agrees with isIsoCurrency", () => {
    expect(isIsoCurrency("USD")).toBe(true);
    expect(isIsoCurrency("BHD")).toBe(true);
    expect(isIsoCurrency("CREDIT")).toBe(false);
    expect(isIsoCurrency("usd")).toBe(false);
  });
});
