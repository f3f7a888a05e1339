import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromCsvInvoice } from "../../src/compare/index.js";

// A one-line CSV whose Amount cell is `amount` (quoted, so a comma stays inside the cell).
const csvWith = (amount: string) => `Description,Amount\nBandwidth,"${amount}"\n`;
const amountOf = (amount: string, decimalSeparator?: "." | ",") =>
  fromCsvInvoice(csvWith(amount), undefined, decimalSeparator ? { decimalSeparator } : undefined).lines[0]
    ?.amount;

describe("numbers in a CSV of line items: separators are read, never guessed", () => {
  it("refuses a decimal comma read without saying so: 1,50 is not 150", () => {
    // The bug: commas were stripped, so "1,50" (one and a half in a decimal-comma locale) became 150.
    expect(() => amountOf("1,50")).toThrow(
      expect.objectContaining({ code: "invalid_field", path: "[1].amount" }),
    );
    expect(() => amountOf("1,50")).toThrow(/decimal/);
  });

  it("refuses a lone comma before three digits: 1,500 is 1500 or 1.5 depending on the locale", () => {
    expect(() => amountOf("1,500")).toThrow(expect.objectContaining({ code: "invalid_field" }));
  });

  it("reads thousands separators when a decimal point follows them (unambiguous)", () => {
    expect(amountOf("3,656.00")).toBe("3656");
    expect(amountOf("-1,234,567.891")).toBe("-1234567.891");
  });

  it("refuses a comma that is not a group of three, whatever follows", () => {
    expect(() => amountOf("12,34.00")).toThrow(expect.objectContaining({ code: "invalid_field" }));
    expect(() => amountOf("1,2345.00")).toThrow(expect.objectContaining({ code: "invalid_field" }));
  });

  it("with a decimal comma declared, reads 1,50 as 1.5 and 1.234,56 as 1234.56", () => {
    expect(amountOf("1,50", ",")).toBe("1.5");
    expect(amountOf("1.234,56", ",")).toBe("1234.56");
    // The point groups thousands in that locale: 1.500 is one thousand five hundred.
    expect(amountOf("1.500", ",")).toBe("1500");
    expect(() => amountOf("1.50", ",")).toThrow(expect.objectContaining({ code: "invalid_field" }));
  });

  it("with a decimal point declared, a comma is a thousands separator: 1,500 is 1500", () => {
    expect(amountOf("1,500", ".")).toBe("1500");
    expect(() => amountOf("1,50", ".")).toThrow(expect.objectContaining({ code: "invalid_field" }));
  });

  it("reads plain decimals the same in every mode", () => {
    expect(amountOf("450.25")).toBe("450.25");
    expect(amountOf("450", ",")).toBe("450");
    expect(amountOf("-0.5", ".")).toBe("-0.5");
  });

  it("property: an amount written with grouped thousands reads back as written, in both locales", () => {
    fc.assert(
      fc.property(
        // whole and cents below 10^15, a money amount's bound (csvAmountBounds.test.ts)
        fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }),
        fc.integer({ min: 0, max: 99 }),
        (whole, cents) => {
          const digits = whole.toString();
          const grouped = (sep: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
          const fraction = cents.toString().padStart(2, "0");
          // The plain decimal, trailing fraction zeros dropped (as toPlainString writes it).
          const expected = cents === 0 ? digits : `${digits}.${fraction.replace(/0+$/, "")}`;
          expect(amountOf(`${grouped(",")}.${fraction}`)).toBe(expected);
          expect(amountOf(`${grouped(".")},${fraction}`, ",")).toBe(expected);
        },
      ),
    );
  });
});
