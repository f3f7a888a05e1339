import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareDecimals, Decimal } from "../../src/money/index.js";

// Decimal texts with few or many digits, either sign, zeros (−0 included) and exponents far apart, so
// that both the word-by-word comparison and the exponent and length branches are reached.
const decimalText = fc
  .tuple(
    fc.constantFrom("", "-"),
    fc.stringMatching(/^[0-9]{1,30}$/),
    fc.option(fc.stringMatching(/^[0-9]{1,30}$/), { nil: undefined }),
    fc.integer({ min: -40, max: 40 }),
  )
  .map(([sign, whole, fraction, exponent]) => `${sign}${whole}${fraction ? `.${fraction}` : ""}e${exponent}`);

describe("compareDecimals", () => {
  it("orders any two decimals as decimal.js's comparedTo does", () => {
    fc.assert(
      fc.property(decimalText, decimalText, (x, y) => {
        const a = new Decimal(x);
        const b = new Decimal(y);
        expect(compareDecimals(a, b)).toBe(a.comparedTo(b));
        expect(compareDecimals(b, a)).toBe(b.comparedTo(a));
        expect(compareDecimals(a, a)).toBe(0);
      }),
    );
  });

  it("orders near neighbours by their last digit, and values that differ only in length", () => {
    // 10000 and 10000.000000001 differ in the 14th significant digit, past decimal.js's first word.
    const cases: ReadonlyArray<readonly [string, string, number]> = [
      ["10000", "10000.000000001", -1],
      ["-10000", "-10000.000000001", 1],
      ["0.5", "10000", -1],
      ["12.25", "12.25", 0],
      ["1e20", "99999999999999999999", 1],
      ["-0", "0", 0],
      ["0", "-0.0001", 1],
      ["-3", "2", -1],
    ];
    for (const [x, y, expected] of cases)
      expect(compareDecimals(new Decimal(x), new Decimal(y)), `${x} vs ${y}`).toBe(expected);
  });

  it("leaves values that are not finite to decimal.js", () => {
    expect(compareDecimals(new Decimal(Number.POSITIVE_INFINITY), new Decimal(5))).toBe(1);
    expect(compareDecimals(new Decimal(5), new Decimal(Number.NEGATIVE_INFINITY))).toBe(1);
    expect(Number.isNaN(compareDecimals(new Decimal(Number.NaN), new Decimal(5)))).toBe(true);
  });
});
