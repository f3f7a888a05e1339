import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromCsvInvoice, reconcile } from "../../src/compare/index.js";
import type { Invoice } from "../../src/invoice/index.js";

// A one-line CSV whose Amount cell is `amount` (quoted, so a comma stays inside the cell).
const csvWith = (amount: string) => `Description,Amount\nBandwidth,"${amount}"\n`;
const read = (amount: string, options: { decimalSeparator?: "." | ","; currency?: string } = {}) =>
  fromCsvInvoice(csvWith(amount), undefined, options);
const usd = (amount: string, decimalSeparator?: "." | ",") =>
  read(amount, { currency: "USD", ...(decimalSeparator ? { decimalSeparator } : {}) }).lines[0]?.amount;
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    const { code, path, message } = error as { code: string; path: string; message: string };
    return { code, path, message };
  }
  throw new Error("not refused");
};

describe("amounts as invoice exports write them: currency marks, accounting negatives, space groups", () => {
  it("reads a currency sign or ISO code before or after the number, with or without a space", () => {
    // Each is one hundred and twenty-five dollars: 125.00 → 125 (trailing zeros dropped, as before).
    for (const cell of [
      "$125.00",
      "$ 125.00",
      "USD 125.00",
      "USD125.00",
      "125.00 USD",
      "125.00$",
      "US$125.00",
    ])
      expect(usd(cell), cell).toBe("125");
    // The sign of a currency that shares it: $ is also the Canadian dollar's.
    expect(read("$125.00", { currency: "CAD" }).lines[0]?.amount).toBe("125");
    // "€125,00" as a French spreadsheet writes it: 125 euros with a decimal comma declared.
    expect(read("€125,00", { currency: "EUR", decimalSeparator: "," }).lines[0]?.amount).toBe("125");
    expect(read("125,00\u00A0€", { currency: "EUR", decimalSeparator: "," }).lines[0]?.amount).toBe("125");
    expect(read("£9.99", { currency: "GBP" }).lines[0]?.amount).toBe("9.99");
    expect(read("¥500", { currency: "JPY" }).lines[0]?.amount).toBe("500");
    expect(read("CHF 1,234.50", { currency: "CHF" }).lines[0]?.amount).toBe("1234.5");
    // A code in lower case, as some exports write it: the same currency.
    expect(usd("125.00 usd")).toBe("125");
    expect(read("eur 9.50", { currency: "EUR" }).lines[0]?.amount).toBe("9.5");
  });

  it("reads thousands grouped by apostrophes, as Swiss exports write them", () => {
    // CHF 1'234.50 = one thousand two hundred thirty-four and 50; 1’234’567.89 with U+2019
    expect(read("CHF 1'234.50", { currency: "CHF" }).lines[0]?.amount).toBe("1234.5");
    expect(read("1\u2019234\u2019567.89", { currency: "CHF" }).lines[0]?.amount).toBe("1234567.89");
    // only in groups of three: 12'34.50 is no number
    expect(refusal(() => read("12'34.50", { currency: "CHF" }))).toMatchObject({ path: "[1].amount" });
  });

  it("reads the signs CLDR's locales write for the real, the krona and krone, the won and others", () => {
    // Each cell is the plain amount with its sign before or after: R$ 1.234,56 is 1234.56 reais with a
    // decimal comma; 1 234,50 kr is 1234.50 kronor; ₩15,000 is 15000 won (no minor unit).
    expect(read("R$ 1.234,56", { currency: "BRL", decimalSeparator: "," }).lines[0]?.amount).toBe("1234.56");
    expect(read("1 234,50 kr", { currency: "SEK", decimalSeparator: "," }).lines[0]?.amount).toBe("1234.5");
    expect(read("kr 99.00", { currency: "NOK" }).lines[0]?.amount).toBe("99");
    expect(read("kr. 12,50", { currency: "DKK", decimalSeparator: "," }).lines[0]?.amount).toBe("12.5");
    expect(read("₩15,000", { currency: "KRW", decimalSeparator: "." }).lines[0]?.amount).toBe("15000");
    expect(read("19,99 zł", { currency: "PLN", decimalSeparator: "," }).lines[0]?.amount).toBe("19.99");
    expect(read("1,000円", { currency: "JPY", decimalSeparator: "." }).lines[0]?.amount).toBe("1000");
    expect(read("R 250.00", { currency: "ZAR" }).lines[0]?.amount).toBe("250");
    expect(read("(RM 5.00)", { currency: "MYR" }).lines[0]?.amount).toBe("-5");
  });

  it("reads a code that begins with a sign's letters as the code: RUB is roubles, not R before UB", () => {
    expect(read("RUB 125.00", { currency: "RUB" }).lines[0]?.amount).toBe("125");
    expect(read("125.00 RON", { currency: "RON" }).lines[0]?.amount).toBe("125");
    expect(refusal(() => read("RUB 125.00", { currency: "ZAR" }))).toMatchObject({
      code: "currency_mismatch",
    });
  });

  it("refuses a shared sign's other currency: kr is no euro, and R$ no US dollar", () => {
    expect(refusal(() => read("kr 99.00", { currency: "EUR" }))).toMatchObject({ code: "currency_mismatch" });
    expect(refusal(() => usd("R$ 10.00"))).toMatchObject({ code: "currency_mismatch" });
  });

  it("refuses a lower-case code of another currency as it refuses an upper-case one", () => {
    expect(refusal(() => usd("125.00 eur"))).toMatchObject({ code: "currency_mismatch", path: "[1].amount" });
  });

  it("reads (5.00), 5.00- and −5.00 (U+2212) as minus five", () => {
    for (const cell of [
      "(5.00)",
      "5.00-",
      "\u22125.00",
      "($5.00)",
      "-$5.00",
      "$-5.00",
      "(USD 5.00)",
      "5.00- USD",
    ])
      expect(usd(cell), cell).toBe("-5");
    // (1,234.56): the accountants' minus one thousand two hundred thirty-four and 56 cents.
    expect(usd("(1,234.56)")).toBe("-1234.56");
  });

  it("reads spaces, no-break spaces and narrow no-break spaces between groups of three digits", () => {
    // 1 234 567,89 = 1,234,567 + 0.89, with the decimal comma declared.
    expect(usd("1 234 567,89", ",")).toBe("1234567.89");
    expect(usd("1\u00A0234,56", ",")).toBe("1234.56");
    expect(usd("1\u202F234,56", ",")).toBe("1234.56");
    expect(usd("1 234.56")).toBe("1234.56");
    expect(usd("12 345")).toBe("12345");
  });

  it("keeps the ambiguity refusal: 1 234,56 without a decimal separator declared is refused", () => {
    expect(refusal(() => usd("1 234,56"))).toEqual({
      code: "invalid_field",
      path: "[1].amount",
      message:
        'Row 2 of the CSV has "1 234,56" in column Amount: its comma may be a decimal comma or a thousands separator (with --decimal-point it is not a number, with --decimal-comma 1234.56). Say which the file uses: decimal separator "." or "," (ratecard reconcile --decimal-point or --decimal-comma).',
    });
  });

  it("refuses spaces that are not between groups of three, two signs, or a mark that is no currency", () => {
    for (const cell of [
      "12 34,56",
      "1 2345",
      "1 234,567 8",
      "(-5.00)",
      "-5.00-",
      "(5.00)-",
      "125.00 ABC",
      "$125.00 USD",
    ])
      expect(
        refusal(() => usd(cell, ",")),
        cell,
      ).toEqual({
        code: "invalid_field",
        path: "[1].amount",
        message: `Row 2 of the CSV has "${cell}" in column Amount, which is not a number.`,
      });
  });

  it("refuses an amount in another currency, naming both", () => {
    expect(refusal(() => read("€125.00", { currency: "USD" }))).toEqual({
      code: "currency_mismatch",
      path: "[1].amount",
      message:
        'Row 2 of the CSV has "€125.00" in column Amount, an amount in EUR, but the recomputed invoice is in USD; reconcile documents of one currency.',
    });
    expect(refusal(() => read("$125.00", { currency: "EUR" })).message).toBe(
      'Row 2 of the CSV has "$125.00" in column Amount, an amount in USD, CAD, AUD, NZD, SGD, HKD or MXN, but the recomputed invoice is in EUR; reconcile documents of one currency.',
    );
    expect(refusal(() => read("125.00 GBP", { currency: "USD" })).code).toBe("currency_mismatch");
  });

  it("without the invoice's currency, the first mark names it and the others must agree", () => {
    expect(fromCsvInvoice("Item,Amount\nFee,EUR 10.00\n").currency).toBe("EUR");
    expect(fromCsvInvoice("Item,Amount\nFee,10.00\n").currency).toBeUndefined();
    expect(refusal(() => fromCsvInvoice("Item,Amount\nFee,€10.00\nSupport,£5.00\n"))).toEqual({
      code: "currency_mismatch",
      path: "[2].amount",
      message:
        'Row 3 of the CSV has "£5.00" in column Amount, an amount in GBP, but row 2 has an amount in EUR; reconcile documents of one currency.',
    });
    expect(refusal(() => fromCsvInvoice("Item,Amount\nFee,$10.00\n"))).toEqual({
      code: "invalid_field",
      path: "[1].amount",
      message:
        'Row 2 of the CSV has "$10.00" in column Amount: $ is the sign of USD, CAD, AUD, NZD, SGD, HKD or MXN. Say which currency the invoice is in (fromCsvInvoice\'s currency option), or write its ISO code ("USD 125.00").',
    });
  });

  it("reads marks in the unit price and in the Tax and Total rows too", () => {
    // 100 GB at $0.10 = $10.00; tax 8% of 10.00 = 0.80; total 10.00 + 0.80 = 10.80.
    const document = fromCsvInvoice(
      "Item,Qty,Rate,Amount\nBandwidth,100,$0.10,$10.00\nTax,,,$0.80\nTotal,,,USD 10.80\n",
      undefined,
      { currency: "USD" },
    );
    expect(document).toEqual({
      format: "csv",
      currency: "USD",
      lines: [{ description: "Bandwidth", quantity: "100", unitPrice: "0.1", amount: "10" }],
      tax: "0.8",
      total: "10.8",
    });
  });

  it("refuses a currency beside a quantity", () => {
    expect(
      refusal(() => fromCsvInvoice("Item,Qty,Amount\nFee,$2,10.00\n", undefined, { currency: "USD" })),
    ).toEqual({
      code: "invalid_field",
      path: "[1].quantity",
      message: 'Row 2 of the CSV has "$2" in column Qty, which is not a number.',
    });
  });

  it("reconciles cdn-basic's platform fee issued as $500.00 and refused as €500.00", () => {
    const recomputed = JSON.parse(readFileSync("fixtures/cdn-basic/expected.json", "utf8")) as Invoice;
    // The fee is 500.00 on both sides: it pairs by description with no discrepancy; the other four
    // lines (3,656.00 + 2,242.04 + 1,200.00 + 65.74) are missing lines.
    const issued = fromCsvInvoice('Item,Amount\nPlatform fee,"$500.00"\n', undefined, { currency: "USD" });
    const result = reconcile(issued, recomputed);
    expect(result.linesMatched).toBe(1);
    expect(result.discrepancies.map((d) => d.cause)).toEqual(Array(4).fill("missing_line"));
    expect(() =>
      fromCsvInvoice("Item,Amount\nPlatform fee,€500.00\n", undefined, { currency: "USD" }),
    ).toThrow(expect.objectContaining({ code: "currency_mismatch" }));
  });

  it("property: an exact amount written in each accepted form reads back as that amount", () => {
    const group = (digits: string, sep: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc
          .integer({ min: 0, max: 4 })
          .chain((places) => fc.tuple(fc.constant(places), fc.integer({ min: 0, max: 10 ** places - 1 }))),
        fc.boolean(),
        (whole, [places, fractionValue], negative) => {
          const digits = whole.toString();
          const fraction = places === 0 ? "" : fractionValue.toString().padStart(places, "0");
          fc.pre(!negative || whole > 0n || fractionValue > 0);
          // The plain decimal as written, trailing fraction zeros dropped (as toPlainString writes it).
          const trimmed = fraction.replace(/0+$/, "");
          const expected = `${negative ? "-" : ""}${digits}${trimmed === "" ? "" : `.${trimmed}`}`;
          const point = `${group(digits, ",")}${fraction === "" ? "" : `.${fraction}`}`;
          const comma = (space: string) => `${group(digits, space)}${fraction === "" ? "" : `,${fraction}`}`;
          const minus = (body: string) => (negative ? [`-${body}`, `\u2212${body}`, `(${body})`] : [body]);
          const trailing = (body: string) => (negative ? [`${body}-`] : [body]);
          const forms: [string, "." | ","][] = [
            ...minus(`$${point}`).map((cell): [string, "."] => [cell, "."]),
            ...minus(`USD ${point}`).map((cell): [string, "."] => [cell, "."]),
            ...trailing(`${point}`).map((cell): [string, "."] => [`${cell} USD`, "."]),
            ...minus(`${comma(" ")}\u00A0$`).map((cell): [string, ","] => [cell, ","]),
            ...minus(comma("\u202F")).map((cell): [string, ","] => [cell, ","]),
            ...trailing(comma("\u00A0")).map((cell): [string, ","] => [cell, ","]),
            // Swiss: apostrophe groups and a decimal point, a lower-case code
            ...minus(`${group(digits, "'")}${fraction === "" ? "" : `.${fraction}`} usd`).map(
              (cell): [string, "."] => [cell, "."],
            ),
          ];
          for (const [cell, separator] of forms) expect(usd(cell, separator), cell).toBe(expected);
        },
      ),
    );
  });
});
