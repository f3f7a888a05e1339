import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromCsvInvoice } from "../../src/compare/index.js";

// An issued CSV in a currency without minor units (ISO 4217 exponent 0: JPY, KRW): no amount of it has
// a fraction, so a comma followed by exactly three digits in an AMOUNT can only group thousands. A unit
// price may have decimals in yen (0.125 a request), a quantity in any unit: those still ask.
const csv = (rows: ReadonlyArray<string>) => `Description,Quantity,Unit price,Amount\n${rows.join("\n")}\n`;
const read = (text: string, currency: string, decimalSeparator?: "." | ",") =>
  fromCsvInvoice(text, undefined, { currency, ...(decimalSeparator ? { decimalSeparator } : {}) });
const refusal = (column: string) =>
  expect.objectContaining({ code: "invalid_field", message: expect.stringContaining(`column ${column}`) });

describe("amounts of a currency without minor units, read from a CSV", () => {
  it('reads "¥4,074" as 4074 yen, in a line and in a summary row, without --decimal-point', () => {
    // 1,358 GB at ¥3 = ¥4,074: the issued total of the invoice that asked for --decimal-point
    const issued = read(csv(['Egress,1358,¥3,"¥4,074"', 'Total,,,"¥4,074"']), "JPY");
    expect(issued.lines).toEqual([
      { description: "Egress", quantity: "1358", unitPrice: "3", amount: "4074" },
    ]);
    expect([issued.currency, issued.total]).toEqual(["JPY", "4074"]);
    // more groups, a sign, an accountant's negative, KRW (₩1,234,567 is one million …)
    const won = read(csv(['Seats,,,"₩1,234,567"', 'Refund,,,"(₩12,000)"', 'Fix,,,"-3,000"']), "KRW");
    expect(won.lines.map((line) => line.amount)).toEqual(["1234567", "-12000", "-3000"]);
  });

  it("keeps asking where the comma may still be a decimal comma", () => {
    // a unit price of ¥1,500 may be ¥1.5 a request (yen prices have decimals), a quantity 1.358 GB
    expect(() => read(csv(['Calls,1000,"¥1,500",¥1500']), "JPY")).toThrow(refusal("Unit price"));
    expect(() => read(csv(['Egress,"1,358",¥3,¥4074']), "JPY")).toThrow(refusal("Quantity"));
    // not a group of three: no thousands separator, and no yen amount has a fraction either
    expect(() => read(csv(['Egress,,,"¥4,07"']), "JPY")).toThrow(refusal("Amount"));
    // a currency with cents: 4,074 is 4074 dollars or 4.074 in a decimal-comma locale
    expect(() => read(csv(['Egress,,,"4,074"']), "USD")).toThrow(refusal("Amount"));
    // ISO gives gold no exponent ("N.A."), not 0: 1,500 troy ounces may be 1.5
    expect(() => read(csv(['Gold,,,"1,500"']), "XAU")).toThrow(refusal("Amount"));
  });

  it("follows a separator the specialist declared", () => {
    expect(read(csv(['Egress,,,"4,074"']), "JPY", ",").lines[0]?.amount).toBe("4.074");
    expect(read(csv(['Egress,,,"4.074"']), "JPY", ",").lines[0]?.amount).toBe("4074");
    expect(read(csv(['Egress,,,"4,074"']), "JPY", ".").lines[0]?.amount).toBe("4074");
  });

  it("property: any whole amount of yen grouped by commas reads back as written", () => {
    fc.assert(
      // Every amount a money amount's bounds allow (below 10^15 in size; 10^15 is refused, csvAmountBounds.test.ts).
      fc.property(fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }), (amount) => {
        const digits = (amount < 0n ? -amount : amount).toString();
        const grouped = `${amount < 0n ? "-" : ""}¥${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;
        const issued = read(csv([`Line,,,"${grouped}"`]), "JPY");
        expect(issued.lines[0]?.amount).toBe(amount.toString());
      }),
    );
  });
});
