import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromCsvInvoice } from "../../src/compare/index.js";

// Amounts grouped by thousands in a CSV, read without --decimal-point or --decimal-comma where the
// grouping can only mean one thing, refused in words where it can mean two.
const csv = (rows: ReadonlyArray<string>) => `Description,Quantity,Unit price,Amount\n${rows.join("\n")}\n`;
const read = (text: string, currency: string, decimalSeparator?: "." | ",") =>
  fromCsvInvoice(text, undefined, { currency, ...(decimalSeparator ? { decimalSeparator } : {}) });
const amountOf = (cell: string, currency: string, decimalSeparator?: "." | ",") =>
  read(csv([`Line,,,"${cell}"`]), currency, decimalSeparator).lines[0]?.amount;
const refusal = (words: RegExp) =>
  expect.objectContaining({
    code: "invalid_field",
    path: "[1].amount",
    message: expect.stringMatching(words),
  });

describe("grouped amounts read from a CSV", () => {
  it('reads "4.074" in yen as 4074: a yen amount has no decimals, so a point before three digits groups thousands', () => {
    // 1,358 GB at ¥3 = ¥4,074, written the German way: 4.074
    expect(amountOf("4.074", "JPY")).toBe("4074");
    expect(amountOf("¥4.074", "JPY")).toBe("4074");
    // ₩1.234.567: one million two hundred and thirty-four thousand five hundred and sixty-seven won
    expect(amountOf("₩1.234.567", "KRW")).toBe("1234567");
    expect(amountOf("(¥12.000)", "JPY")).toBe("-12000");
    // a unit price may have decimals in yen: ¥4.074 a request stays 4.074
    expect(read(csv(["Calls,1000,¥4.074,¥4074"]), "JPY").lines[0]?.unitPrice).toBe("4.074");
    // a point before two digits cannot group thousands: 4.07 is read as written (and reconcile finds it)
    expect(amountOf("4.07", "JPY")).toBe("4.07");
    // a currency with cents: 4.074 is four dollars and 7.4 cents, as before
    expect(amountOf("4.074", "USD")).toBe("4.074");
  });

  it('reads "1,234,567" in dollars: two commas cannot both be a decimal comma', () => {
    // 1,234,567 = 1 × 1,000,000 + 234 × 1,000 + 567
    expect(amountOf("1,234,567", "USD")).toBe("1234567");
    expect(amountOf("$1,234,567", "USD")).toBe("1234567");
    expect(amountOf("-12,345,678", "EUR")).toBe("-12345678");
    expect(amountOf("1,234,567", "KWD")).toBe("1234567");
    // groups of three only
    expect(() => amountOf("1,23,567", "USD")).toThrow(refusal(/not a number/));
  });

  it("refuses in words what may mean two amounts, naming --decimal-point and what each option reads", () => {
    // 1,234 in dinars (3 decimals): 1234 dinars, or 1.234 dinars (1 dinar 234 fils)
    expect(() => amountOf("1,234", "KWD")).toThrow(
      refusal(/with --decimal-point it is 1234, with --decimal-comma 1\.234/),
    );
    expect(() => amountOf("1,500", "USD")).toThrow(refusal(/--decimal-point it is 1500/));
    // two points in dollars: a German export (1.234.567 dollars); the same file's 1.500 would be 1500
    expect(() => amountOf("1.234.567", "USD")).toThrow(
      refusal(/its points can only group thousands.*with --decimal-comma 1234567\)/),
    );
    // a point before the comma: only --decimal-comma reads it
    expect(() => amountOf("1.234,5", "USD")).toThrow(
      refusal(/with --decimal-point it is not a number, with --decimal-comma 1234\.5/),
    );
  });

  it("refuses a cell whose separators contradict the one declared, saying what the other would read", () => {
    expect(() => amountOf("1.234,5", "USD", ".")).toThrow(
      refusal(
        /not a number with a decimal point \(--decimal-point\); with --decimal-comma it would be 1234\.5/,
      ),
    );
    expect(() => amountOf("1,234.5", "EUR", ",")).toThrow(
      refusal(
        /not a number with a decimal comma \(--decimal-comma\); with --decimal-point it would be 1234\.5/,
      ),
    );
    // neither reads it: just not a number
    expect(() => amountOf("1,234.567,8", "USD", ".")).toThrow(refusal(/which is not a number\.$/));
  });

  // The convention a billing system writes: US/UK (1,234,567.89) or German (1.234.567,89), with as many
  // decimals as the currency has (0 for JPY, 2 for USD, 3 for KWD).
  const CURRENCIES = [
    { code: "JPY", exponent: 0 },
    { code: "USD", exponent: 2 },
    { code: "KWD", exponent: 3 },
  ] as const;
  const format = (units: bigint, exponent: number, group: string, decimal: string) => {
    const digits = (units < 0n ? -units : units).toString().padStart(exponent + 1, "0");
    const whole = digits.slice(0, digits.length - exponent).replace(/\B(?=(\d{3})+(?!\d))/g, group);
    const fraction = exponent === 0 ? "" : `${decimal}${digits.slice(digits.length - exponent)}`;
    return `${units < 0n ? "-" : ""}${whole}${fraction}`;
  };
  // The amount as a plain decimal, trailing zeros of the fraction dropped (as toPlainString writes it).
  const plain = (units: bigint, exponent: number) => {
    const digits = (units < 0n ? -units : units).toString().padStart(exponent + 1, "0");
    const whole = digits.slice(0, digits.length - exponent);
    const fraction = digits.slice(digits.length - exponent).replace(/0+$/, "");
    return `${units < 0n ? "-" : ""}${whole}${fraction === "" ? "" : `.${fraction}`}`;
  };
  // The rules, stated apart from the code: a declared separator settles it; without one, a number with
  // no separator, a decimal point after grouping commas, two or more grouping commas, or any grouping of
  // a currency without minor units can mean one thing only. Everything else may mean two.
  const unambiguous = (text: string, exponent: number, convention: "." | ",", declared?: "." | ",") => {
    if (declared !== undefined) return declared === convention;
    if (!/[.,]/.test(text)) return true;
    if (exponent === 0) return true;
    return convention === "." && (text.includes(".") || (text.match(/,/g) ?? []).length >= 2);
  };

  it("property: an amount grouped in either convention reads back as the amount whenever the rules call it unambiguous, and is refused otherwise", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }),
        fc.constantFrom(...CURRENCIES),
        fc.constantFrom<"." | ",">(".", ","),
        fc.constantFrom<"." | "," | undefined>(".", ",", undefined),
        (units, { code, exponent }, convention, declared) => {
          const text = format(units, exponent, convention === "." ? "," : ".", convention);
          if (unambiguous(text, exponent, convention, declared))
            expect(amountOf(text, code, declared)).toBe(plain(units, exponent));
          else if (declared === undefined) expect(() => amountOf(text, code)).toThrow(refusal(/decimal/));
        },
      ),
    );
  });
});
