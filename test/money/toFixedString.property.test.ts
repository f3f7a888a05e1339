import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, toFixedString } from "../../src/money/index.js";

// toFixedString pads a value that already has few enough decimals by hand (issue 14: decimal.js's
// toFixed(n) copies and rounds every amount). The law: the text is decimal.js's toFixed(n), with "-0…"
// written without its sign, for any value and any number of decimals.
const valueArb = fc
  .tuple(fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), fc.integer({ min: 0, max: 12 }))
  .map(([digits, scale]) => new Decimal(digits.toString()).dividedBy(new Decimal(10).pow(scale)));

describe("toFixedString", () => {
  it("writes decimal.js's toFixed text, never -0", () => {
    fc.assert(
      fc.property(valueArb, fc.integer({ min: 0, max: 10 }), (value, decimals) => {
        const expected = value.toFixed(decimals).replace(/^-(0(\.0*)?)$/, "$1");
        expect(toFixedString(value, decimals)).toBe(expected);
      }),
    );
  });

  it("pads a value with fewer decimals, and rounds one with more half to even", () => {
    // 0.5 with 2 decimals: "0.50"; 12 with 3: "12.000"; 1.005 to 2 decimals: the tie goes to the even 1.00.
    expect(toFixedString(new Decimal("0.5"), 2)).toBe("0.50");
    expect(toFixedString(new Decimal("12"), 3)).toBe("12.000");
    expect(toFixedString(new Decimal("1.005"), 2)).toBe("1.00");
    // -0.50 has two decimals already: "-0.50" keeps its sign (it is not zero).
    expect(toFixedString(new Decimal("-0.5"), 2)).toBe("-0.50");
  });
});
