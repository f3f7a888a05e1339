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
});
