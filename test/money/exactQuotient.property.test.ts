import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addExactly,
  addQuotients,
  Decimal,
  quotient,
  quotientValue,
  roundTo,
  subtractQuotients,
  ZERO_QUOTIENT,
} from "../../src/money/index.js";

// Money in cents over the divisors an inclusive tax or a dated rate divides by: 100 + percents
// (120, 107.75, 150) and a period in seconds (2,419,200 = 28 days) times 100.
const cents = fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }).map((c) => new Decimal(c).div(100));
const divisor = fc.constantFrom("120", "107.75", "150", "100", "241920000", "6").map((d) => new Decimal(d));
const term = fc.tuple(cents, divisor);

// A decimal as a fraction of integers: 107.75 = 10775 / 100.
type Fraction = readonly [bigint, bigint];
const fraction = (value: Decimal): Fraction => {
  const places = value.decimalPlaces();
  return [BigInt(value.times(new Decimal(10).pow(places)).toFixed()), 10n ** BigInt(places)];
};
const divide = ([a, b]: Fraction, [c, d]: Fraction): Fraction => (c < 0n ? [-a * d, b * -c] : [a * d, b * c]);
const add = ([a, b]: Fraction, [c, d]: Fraction): Fraction => [a * d + c * b, b * d];

describe("exact quotients", () => {
  it("adds as fractions: N ÷ D is the sum of the terms, compared in integers (BigInt)", () => {
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 6 }), (terms) => {
        const sum = terms.reduce((acc, [n, d]) => addQuotients(acc, quotient(n, d)), ZERO_QUOTIENT);
        const start: Fraction = [0n, 1n];
        const expected = terms.reduce<Fraction>(
          (acc, [n, d]) => add(acc, divide(fraction(n), fraction(d))),
          start,
        );
        const [p, q] = divide(fraction(sum.numerator), fraction(sum.denominator));
        expect(p * expected[1]).toBe(expected[0] * q);
      }),
    );
  });

  it("subtracts as fractions: a − b, compared in integers (BigInt); a less nothing is a itself", () => {
    const sub = ([a, b]: Fraction, [c, d]: Fraction): Fraction => [a * d - c * b, b * d];
    fc.assert(
      fc.property(term, term, ([n1, d1], [n2, d2]) => {
        const difference = subtractQuotients(quotient(n1, d1), quotient(n2, d2));
        const expected = sub(divide(fraction(n1), fraction(d1)), divide(fraction(n2), fraction(d2)));
        const [p, q] = divide(fraction(difference.numerator), fraction(difference.denominator));
        expect(p * expected[1]).toBe(expected[0] * q);
      }),
    );
    // 1 − 1/3 = 2/3, a pool of 1 GB after a line of 1/3 GB; a − 0 is the very same quotient
    const third = quotient(new Decimal(1), new Decimal(3));
    expect(quotientValue(subtractQuotients(quotient(new Decimal(1), new Decimal(1)), third)).toFixed(4)).toBe(
      "0.6667",
    );
    expect(subtractQuotients(third, ZERO_QUOTIENT)).toBe(third);
  });

  it("divides once, so a sum that is a tie rounds as a tie", () => {
    // 100,000.04 ÷ 6 + 0.01 ÷ 6 = 100,000.05 ÷ 6 = 16,666.675: half-even 16,666.68, half-down 16,666.67.
    // Added as 50-digit values the two terms make 16,666.67499…9 (the first loses 3.3 × 10^-46).
    const sum = addQuotients(
      quotient(new Decimal("100000.04"), new Decimal(6)),
      quotient(new Decimal("0.01"), new Decimal(6)),
    );
    expect(quotientValue(sum).toFixed()).toBe("16666.675");
    expect(roundTo(quotientValue(sum), 2, "half_even").toFixed(2)).toBe("16666.68");
    expect(roundTo(quotientValue(sum), 2, "half_down").toFixed(2)).toBe("16666.67");
    // as the tax stage added them before: each term to 50 digits, the sum exact
    const termByTerm = addExactly(new Decimal("100000.04").div(6), new Decimal("0.01").div(6));
    expect(termByTerm.lt("16666.675")).toBe(true);
  });

  it("gives any sum of quotients that ends exactly, whatever the terms", () => {
    // n/6 + (6k − n)/6 = k: the terms do not end, their sum is a whole number
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 5 }), (k, n) => {
        const sum = addQuotients(
          quotient(new Decimal(n), new Decimal(6)),
          quotient(new Decimal(6 * k - n), new Decimal(6)),
        );
        expect(quotientValue(sum).toFixed()).toBe(String(k));
      }),
    );
  });

  it("keeps zero neutral and one quotient as it is", () => {
    const third = quotient(new Decimal(1), new Decimal(3));
    expect(addQuotients(ZERO_QUOTIENT, third)).toBe(third);
    expect(addQuotients(third, ZERO_QUOTIENT)).toBe(third);
    expect(quotientValue(quotient(new Decimal("2.5"), new Decimal(1))).toFixed()).toBe("2.5");
    // over different denominators: 1/3 + 1/6 = 1/2
    expect(quotientValue(addQuotients(third, quotient(new Decimal(1), new Decimal(6)))).toFixed()).toBe(
      "0.5",
    );
  });
});
