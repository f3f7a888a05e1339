import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BASIS_POINTS,
  boundProblem,
  Decimal,
  isSizeWithinLimit,
  isWithinBound,
  MONEY_AMOUNT,
  type NumericBound,
  PERCENT,
  QUANTITY,
  RATIO,
  SIZE,
  safeParseBoundedDecimal,
  UNIT_PRICE,
} from "../../src/money/index.js";
import { decimalText } from "../_arbitraries/money.js";

const d = (text: string) => new Decimal(text);

describe("numeric bounds, per kind of value (docs/decisions/numeric-bounds.md)", () => {
  // [bound, the largest value inside, the smallest size outside, a value with one decimal too many]
  const edges: [string, NumericBound, string, string, string][] = [
    ["money amount", MONEY_AMOUNT, "999999999999999.999999999999", "1000000000000000", "0.0000000000001"],
    ["unit price", UNIT_PRICE, "999999999.999999999999999", "1000000000", "0.0000000000000001"],
    ["quantity", QUANTITY, "999999999999999.999999999", "1000000000000000", "0.0000000001"],
    ["percentage", PERCENT, "100", "100.000001", "0.0000001"],
    ["basis points", BASIS_POINTS, "10000", "10000.0001", "0.00001"],
    ["multiplier", RATIO, "999.999999", "1000", "0.0000001"],
    ["size", SIZE, "999999999999999.999999999", "1000000000000000", "0.0000000001"],
  ];

  it.each(edges)(
    "takes a %s up to its bound and refuses one past it",
    (_kind, bound, inside, outside, fine) => {
      expect(isWithinBound(d(inside), bound)).toBe(true);
      expect(isWithinBound(d(inside).negated(), bound)).toBe(true);
      expect(isWithinBound(d(outside), bound)).toBe(false);
      expect(isWithinBound(d(outside).negated(), bound)).toBe(false);
      expect(isWithinBound(d(fine), bound)).toBe(false);
    },
  );

  it("names the value and the bound in a sentence, the value in exponent form when it is long", () => {
    expect(boundProblem(d("1e48"), MONEY_AMOUNT)).toBe(
      "is 1e+48 (too large); a money amount must be less than 10^15 in size, with at most 12 decimals",
    );
    expect(boundProblem(d("1e-60"), SIZE)).toBe(
      "is 1e-60 (60 decimals); a size or divisor must be less than 10^15 in size, with at most 9 decimals",
    );
    expect(boundProblem(d("100.5"), PERCENT)).toBe(
      "is 100.5 (too large); a percentage must be at most 100, with at most 6 decimals",
    );
    // 1 followed by 48 zeros and .01: 51 significant digits, cut to six and marked
    expect(boundProblem(d("1000000000000000000000000000000000000000000000000.01"), MONEY_AMOUNT)).toBe(
      "is 1.00000e+48… (51 significant digits) (too large); a money amount must be less than 10^15 in size, with at most 12 decimals",
    );
    expect(boundProblem(d("12.5"), MONEY_AMOUNT)).toBeUndefined();
  });

  it("writes a value plainly up to 24 digits and an exponent below 24, in exponent form beyond", () => {
    const rule = "a money amount must be less than 10^15 in size, with at most 12 decimals";
    // 10^23: exponent 23, one digit: plain, all 24 digits written out.
    expect(boundProblem(d("1e23"), MONEY_AMOUNT)).toBe(`is 100000000000000000000000 (too large); ${rule}`);
    // 10^24: exponent 24: exponent form.
    expect(boundProblem(d("1e24"), MONEY_AMOUNT)).toBe(`is 1e+24 (too large); ${rule}`);
    // 1 + 10^-23: 24 significant digits, 23 decimals: still plain.
    expect(boundProblem(d("1.00000000000000000000001"), MONEY_AMOUNT)).toBe(
      `is 1.00000000000000000000001 (23 decimals); ${rule}`,
    );
    // 1 + 10^-24: 25 significant digits: cut to six (1.00000) and marked with its count.
    expect(boundProblem(d("1.000000000000000000000001"), MONEY_AMOUNT)).toBe(
      `is 1.00000e+0… (25 significant digits) (24 decimals); ${rule}`,
    );
    // 1.23456 × 10^30: six significant digits are shown whole, unmarked.
    expect(boundProblem(d("1.23456e30"), MONEY_AMOUNT)).toBe(`is 1.23456e+30 (too large); ${rule}`);
  });

  it("measures a value, not how it is written: trailing zeros add no decimals", () => {
    // "2.5000000000" has ten fraction digits but is 2.5, one decimal
    expect(isWithinBound(d("2.5000000000"), QUANTITY)).toBe(true);
    // "100e-2" is 1
    expect(isWithinBound(d("100e-2"), QUANTITY)).toBe(true);
  });

  it('gives a JSON number and its decimal text the same answer (5e50 and "5e50" were judged differently)', () => {
    for (const [number, text] of [
      [5e50, "5e50"],
      [1e-60, "1e-60"],
      [1e15, "1e15"],
    ] as const) {
      expect(safeParseBoundedDecimal(number, QUANTITY)).toMatchObject({
        success: false,
        code: "decimal_out_of_range",
      });
      expect(safeParseBoundedDecimal(text, QUANTITY)).toMatchObject({
        success: false,
        code: "decimal_out_of_range",
      });
    }
    expect(safeParseBoundedDecimal(1e-7, QUANTITY)).toMatchObject({ success: true });
    expect(safeParseBoundedDecimal("1e-7", QUANTITY)).toMatchObject({ success: true });
    expect(safeParseBoundedDecimal("abc", QUANTITY)).toMatchObject({
      success: false,
      code: "invalid_decimal",
    });
  });

  it("agrees for every finite number with the number's shortest text", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const asNumber = safeParseBoundedDecimal(value, QUANTITY);
        const asText = safeParseBoundedDecimal(String(value), QUANTITY);
        expect(asNumber.success).toBe(asText.success);
        if (asNumber.success && asText.success) expect(asNumber.data.equals(asText.data)).toBe(true);
      }),
    );
  });

  it("is a box: inside exactly when the size is below the limit and the decimals at most the bound's", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.integer({ min: 0, max: 20 }),
        (units, scale) => {
          const value = new Decimal(decimalText(units, scale));
          const magnitude = units < 0n ? -units : units;
          // decimals of the value: the scale less the trailing zeros of the units
          let decimals = scale;
          let rest = magnitude;
          while (decimals > 0 && rest % 10n === 0n && rest !== 0n) {
            rest /= 10n;
            decimals -= 1;
          }
          if (magnitude === 0n) decimals = 0;
          // |value| < 10^15 ⇔ |units| < 10^(15 + scale)
          const small = magnitude < 10n ** BigInt(15 + scale);
          expect(isWithinBound(value, MONEY_AMOUNT)).toBe(small && decimals <= 12);
        },
      ),
    );
  });
});

describe("isSizeWithinLimit: the size half of a bound, by exponent for 10^n and by comparison otherwise", () => {
  it("takes a quantity below 10^15 in size and refuses 10^15 and beyond, either sign", () => {
    // 999,999,999,999,999.999999999 has its first digit at 10^14: below 10^15. 10^15 itself is not below.
    for (const text of ["0", "-0", "0.000000001", "999999999999999.999999999", "-999999999999999"])
      expect(isSizeWithinLimit(d(text), QUANTITY)).toBe(true);
    for (const text of ["1000000000000000", "-1000000000000000", "1e20"])
      expect(isSizeWithinLimit(d(text), QUANTITY)).toBe(false);
  });

  it("compares a limit that is included (a percentage at most 100)", () => {
    // 100 is at most 100; 100.000001 is not; −100 is 100 in size.
    expect(isSizeWithinLimit(d("100"), PERCENT)).toBe(true);
    expect(isSizeWithinLimit(d("-100"), PERCENT)).toBe(true);
    expect(isSizeWithinLimit(d("100.000001"), PERCENT)).toBe(false);
  });

  it("agrees with comparing the size with the limit, on every value", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.integer({ min: 0, max: 12 }),
        fc.constantFrom(QUANTITY, PERCENT, RATIO, SIZE, MONEY_AMOUNT),
        (units, scale, bound) => {
          const value = d(decimalText(units, scale));
          const size = value.abs();
          const inside = bound.limitIncluded
            ? size.lessThanOrEqualTo(bound.limit)
            : size.lessThan(bound.limit);
          expect(isSizeWithinLimit(value, bound)).toBe(inside);
        },
      ),
    );
  });
});
