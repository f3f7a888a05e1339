import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addExactly, Decimal, exactDifference, exactProduct } from "../../src/money/index.js";
import { canonicalDecimalText } from "../_arbitraries/money.js";

// addExactly, exactDifference and exactProduct take the ordinary 50-digit operation when its result fits
// and a wide one otherwise; either way the result must be the exact value, checked against BigInt.

/** A decimal as units × 10^-scale, with up to 40 digits and 0–40 decimals: sums span up to 80 digits. */
const scaledArb = fc.tuple(
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }),
  fc.integer({ min: 0, max: 40 }),
);

const exact = (units: bigint, scale: number) => new Decimal(canonicalDecimalText(units, scale));

// a and b brought to one scale
function aligned([ua, sa]: [bigint, number], [ub, sb]: [bigint, number]) {
  const scale = Math.max(sa, sb);
  return { a: ua * 10n ** BigInt(scale - sa), b: ub * 10n ** BigInt(scale - sb), scale };
}

describe("exact arithmetic (laws)", () => {
  it("adds and subtracts exactly, whether or not the result fits in 50 digits", () => {
    fc.assert(
      fc.property(scaledArb, scaledArb, (x, y) => {
        const { a, b, scale } = aligned(x, y);
        const [dx, dy] = [exact(...x), exact(...y)];
        expect(addExactly(dx, dy).equals(exact(a + b, scale))).toBe(true);
        expect(exactDifference(dx, dy).equals(exact(a - b, scale))).toBe(true);
      }),
    );
  });

  it("multiplies exactly, whether or not the product fits in 50 digits", () => {
    fc.assert(
      fc.property(scaledArb, scaledArb, ([ua, sa], [ub, sb]) => {
        expect(exactProduct(exact(ua, sa), exact(ub, sb)).equals(exact(ua * ub, sa + sb))).toBe(true);
      }),
    );
  });

  it("keeps a value of more than 50 digits exact when zero is added or taken away, on either side", () => {
    // 1/3600 at 50 digits plus 0.0007225 (2.601/3600) needs 51: 0.0010002777…7778, from 10^-3 to 10^-53.
    const wide = addExactly(new Decimal("0.0007225"), new Decimal("1").div(3600));
    expect(wide.precision()).toBe(51);
    const zero = new Decimal(0);
    for (const result of [addExactly(zero, wide), addExactly(wide, zero), exactDifference(wide, zero)])
      expect(result.toFixed()).toBe(wide.toFixed());
    expect(exactDifference(zero, wide).toFixed()).toBe(wide.negated().toFixed());
  });

  it("returns the value itself when zero is added to it, and +0 for zero plus −0 (issue 14)", () => {
    fc.assert(
      fc.property(scaledArb, fc.constantFrom("0", "-0"), (x, zeroText) => {
        const value = exact(...x);
        fc.pre(!value.isZero());
        // 0 + x is x: the same immutable Decimal, no copy
        expect(addExactly(new Decimal(zeroText), value)).toBe(value);
      }),
    );
    // 0 + (−0) is +0, as decimal.js's plus gives it: −0 itself must not come back
    expect(addExactly(new Decimal(0), new Decimal("-0")).isNegative()).toBe(false);
  });

  it("gives the same text for a running sum in any order, zeros included (the fuzzer's entity sums)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(scaledArb, fc.constant<[bigint, number]>([0n, 0])), { maxLength: 6 }),
        (terms) => {
          const values = terms.map((term) => exact(...term));
          const forward = values.reduce(addExactly, new Decimal(0));
          const backward = [...values].reverse().reduce(addExactly, new Decimal(0));
          expect(backward.toFixed()).toBe(forward.toFixed());
        },
      ),
    );
  });
});
