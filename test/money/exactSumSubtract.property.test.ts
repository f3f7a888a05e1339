import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, ExactSum } from "../../src/money/index.js";
import { anyDecimalValueArb, decimalOf } from "../_arbitraries/meters.js";

// ExactSum.subtract takes back a value added before (deduplication counts an event before it knows
// whether it is a copy, src/meters/countThenDeduplicate.ts): the sum afterwards must be exactly the sum
// of the values left, whatever their shapes — short ones (integers in the float64 accumulators), long,
// exponent and signed ones (the exact Decimal part), and runs long enough to fold the accumulators.

/** The reference: a left fold of Decimal `plus` (exact: every generated value has under 50 digits). */
function decimalSum(values: ReadonlyArray<string | number>): Decimal {
  return values.reduce<Decimal>((sum, value) => sum.plus(decimalOf(value)), new Decimal(0));
}

// Edge shapes: signs, zeros, 15 to 17 significant digits, a whole part at the fast path's limit.
const edgeArb = fc.constantFrom(
  "-0",
  "0.000",
  "+5",
  "-5",
  ".5",
  "-.5",
  "+1.0000000001",
  "-1e3",
  "+2.5E-4",
  "123456789012.345", // 15 significant digits, 12 whole: the exact path
  "12345678901.23456", // 16 significant digits
  "99999999999.999999999", // 20 digits, the largest short value
  "-99999999999.999999999",
  0.1,
  -0,
  1e-7,
);
const valueArb = fc.oneof({ arbitrary: anyDecimalValueArb, weight: 4 }, { arbitrary: edgeArb, weight: 1 });

describe("ExactSum.subtract (laws)", () => {
  it("leaves exactly the sum of the values not taken back", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(valueArb, fc.boolean()), { maxLength: 150 }),
        fc.boolean(),
        (entries, interleaved) => {
          const sum = new ExactSum();
          // Every value added; those marked taken back at once (interleaved) or after all are added.
          for (const [value, takenBack] of entries) {
            expect(sum.add(value)).toBe(true);
            if (interleaved && takenBack) expect(sum.subtract(value)).toBe(true);
          }
          if (!interleaved)
            for (const [value, takenBack] of entries) if (takenBack) expect(sum.subtract(value)).toBe(true);
          const kept = entries.filter(([, takenBack]) => !takenBack).map(([value]) => value);
          expect(sum.value().toFixed()).toBe(decimalSum(kept).toFixed());
        },
      ),
    );
  });

  it("takes back every value added: zero, written 0", () => {
    fc.assert(
      fc.property(fc.array(valueArb, { maxLength: 80 }), (values) => {
        const sum = new ExactSum();
        for (const value of values) sum.add(value);
        for (const value of [...values].reverse()) sum.subtract(value);
        expect(sum.value().isZero()).toBe(true);
        expect(sum.value().toFixed()).toBe("0");
      }),
    );
  });

  it("stays exact through the folds of a long run", () => {
    // Each 4,096 operations the accumulators are folded into the Decimal once past 10^15: 12,288
    // additions of 99,999,999,999.999999999 reach 1.2 × 10^15 (a fold), and the 6,000 taken back pass
    // more checks. Kept: 7,000 × 99,999,999,999.999999999 = 699,999,999,993,000 + 6,999.999993
    // = 699,999,999,999,999.999993
    const sum = new ExactSum();
    for (let i = 0; i < 13000; i += 1) sum.add("99999999999.999999999");
    for (let i = 0; i < 6000; i += 1) sum.subtract("99999999999.999999999");
    expect(sum.value().toFixed()).toBe("699999999999999.999993");
  });

  it("takes back a value of the exact part digit for digit", () => {
    // 10.00000000001 + 2 − 10.00000000001 = 2 (eleven decimals: not a short value)
    const sum = new ExactSum();
    sum.add("10.00000000001");
    sum.add("2");
    sum.subtract("10.00000000001");
    expect(sum.value().toFixed()).toBe("2");
    // −(−7e2) = +700: 2 − (−700) = 702
    sum.subtract("-7e2");
    expect(sum.value().toFixed()).toBe("702");
    // −(+1.5e-10): 702 − 0.00000000015 = 701.99999999985
    sum.subtract("+1.5e-10");
    expect(sum.value().toFixed()).toBe("701.99999999985");
  });

  it("refuses what is not a decimal, subtracting nothing", () => {
    const sum = new ExactSum();
    sum.add("3");
    for (const bad of ["", "abc", "1,5", "NaN", Number.NaN, Number.POSITIVE_INFINITY])
      expect(sum.subtract(bad)).toBe(false);
    expect(sum.value().toFixed()).toBe("3");
  });
});
