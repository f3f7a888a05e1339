import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, ExactSum } from "../../src/money/index.js";
import {
  anyDecimalValueArb,
  decimalOf,
  exponentDecimalArb,
  hugeDecimalArb,
  longDecimalArb,
  shortDecimalArb,
} from "../_arbitraries/meters.js";

/** The reference: a left fold of Decimal `plus` (exact: every generated value has under 50 digits). */
function decimalSum(values: ReadonlyArray<string | number>): Decimal {
  return values.reduce<Decimal>((sum, value) => sum.plus(decimalOf(value)), new Decimal(0));
}

function sumOf(values: ReadonlyArray<string | number>): ExactSum {
  const sum = new ExactSum();
  for (const value of values) if (!sum.add(value)) throw new Error(`refused ${String(value)}`);
  return sum;
}

describe("ExactSum (laws)", () => {
  it("equals the Decimal sum of any list of decimals, exactly", () => {
    fc.assert(
      fc.property(fc.array(anyDecimalValueArb, { maxLength: 200 }), (values) => {
        expect(sumOf(values).value().toFixed()).toBe(decimalSum(values).toFixed());
      }),
    );
  });

  it.each([
    ["short", shortDecimalArb],
    ["long", longDecimalArb],
    ["exponent", exponentDecimalArb],
    ["huge", hugeDecimalArb],
  ] as const)("equals the Decimal sum of %s decimals", (_name, arb) => {
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 100 }), (values) => {
        expect(sumOf(values).value().toFixed()).toBe(decimalSum(values).toFixed());
      }),
    );
  });

  it("stays exact across normalisations: thousands of near-maximal fast-path values", () => {
    // Whole parts of 11 digits and nine decimals, the fast path's largest, repeated past 4,096 adds.
    const bigShortArb = fc
      .tuple(fc.bigInt({ min: 9n * 10n ** 19n, max: 10n ** 20n - 1n }), fc.boolean())
      .map(([units, negative]) => {
        const digits = units.toString();
        return `${negative ? "-" : ""}${digits.slice(0, 11)}.${digits.slice(11)}`;
      });
    fc.assert(
      fc.property(
        fc.array(bigShortArb, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 4_000, max: 13_000 }),
        fc.array(anyDecimalValueArb, { maxLength: 20 }),
        (pattern, length, extra) => {
          const values = [...Array.from({ length }, (_, i) => pattern[i % pattern.length]!), ...extra];
          expect(sumOf(values).value().toFixed()).toBe(decimalSum(values).toFixed());
        },
      ),
      { numRuns: 25 },
    );
  });

  it("merges any split of a list into the sum of the whole list, leaving the merged sum unchanged", () => {
    fc.assert(
      fc.property(fc.array(anyDecimalValueArb, { maxLength: 100 }), fc.nat(), (values, cut) => {
        const at = values.length === 0 ? 0 : cut % (values.length + 1);
        const left = sumOf(values.slice(0, at));
        const right = sumOf(values.slice(at));
        const rightBefore = right.value().toFixed();
        left.merge(right);
        expect(left.value().toFixed()).toBe(decimalSum(values).toFixed());
        expect(right.value().toFixed()).toBe(rightBefore);
      }),
    );
  });
});
