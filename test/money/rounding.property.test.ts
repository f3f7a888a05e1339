import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, roundTo } from "../../src/money/index.js";
import { decimalArb, roundingModeArb, tieArb } from "../_arbitraries/money.js";
import { roundedAs } from "../_laws/lineLaws.js";

const decimalsArb = fc.integer({ min: 0, max: 6 });
// Random decimals (mostly not ties) mixed with exact ties at 0–6 places.
const valueAndDecimalsArb = decimalsArb.chain((decimals) =>
  fc.tuple(fc.oneof(decimalArb({ maxScale: 10 }), tieArb(decimals)), fc.constant(decimals)),
);
const unitAt = (decimals: number) => new Decimal(10).pow(-decimals);

describe("roundTo (laws)", () => {
  it("is decimal.js's toDecimalPlaces in the same mode, digit for digit (also when nothing rounds)", () => {
    fc.assert(
      fc.property(valueAndDecimalsArb, roundingModeArb, ([value, decimals], mode) => {
        // roundedAs: the line laws' own reading of the mode names, at 1,000 digits of precision
        const expected = roundedAs(value.toFixed(), decimals, mode);
        expect(roundTo(value, decimals, mode).toFixed(decimals)).toBe(expected);
      }),
    );
  });

  it("returns at most `decimals` decimals", () => {
    fc.assert(
      fc.property(valueAndDecimalsArb, roundingModeArb, ([value, decimals], mode) => {
        expect(roundTo(value, decimals, mode).decimalPlaces()).toBeLessThanOrEqual(decimals);
      }),
    );
  });

  it("moves the value by less than one unit of the last place", () => {
    fc.assert(
      fc.property(valueAndDecimalsArb, roundingModeArb, ([value, decimals], mode) => {
        const moved = roundTo(value, decimals, mode).minus(value).abs();
        expect(moved.lessThan(unitAt(decimals))).toBe(true);
      }),
    );
  });

  it("moves the value by at most half a unit in the half_* modes", () => {
    fc.assert(
      fc.property(
        valueAndDecimalsArb,
        fc.constantFrom("half_even", "half_up", "half_down" as const),
        ([value, decimals], mode) => {
          const moved = roundTo(value, decimals, mode).minus(value).abs();
          expect(moved.lessThanOrEqualTo(unitAt(decimals).div(2))).toBe(true);
        },
      ),
    );
  });

  it("goes in the direction each directed mode names", () => {
    fc.assert(
      fc.property(valueAndDecimalsArb, ([value, decimals]) => {
        expect(roundTo(value, decimals, "ceiling").greaterThanOrEqualTo(value)).toBe(true);
        expect(roundTo(value, decimals, "floor").lessThanOrEqualTo(value)).toBe(true);
        expect(roundTo(value, decimals, "up").abs().greaterThanOrEqualTo(value.abs())).toBe(true);
        expect(roundTo(value, decimals, "down").abs().lessThanOrEqualTo(value.abs())).toBe(true);
      }),
    );
  });

  it("leaves a value that already has `decimals` decimals unchanged in every mode", () => {
    fc.assert(
      fc.property(
        decimalsArb.chain((decimals) => fc.tuple(decimalArb({ maxScale: decimals }), fc.constant(decimals))),
        roundingModeArb,
        ([value, decimals], mode) => {
          expect(roundTo(value, decimals, mode).equals(value)).toBe(true);
        },
      ),
    );
  });

  it("rounds half_even and half_up the same except on an exact tie", () => {
    fc.assert(
      fc.property(valueAndDecimalsArb, ([value, decimals]) => {
        const even = roundTo(value, decimals, "half_even");
        const up = roundTo(value, decimals, "half_up");
        // A tie: the value sits exactly half a unit from the rounded-down value.
        const isTie = value
          .minus(roundTo(value, decimals, "down"))
          .abs()
          .equals(unitAt(decimals).div(2));
        if (!isTie) expect(even.equals(up)).toBe(true);
        if (!even.equals(up)) expect(isTie).toBe(true);
      }),
    );
  });

  it("rounds an exact tie to the even last digit with half_even", () => {
    fc.assert(
      fc.property(
        decimalsArb.chain((decimals) => fc.tuple(tieArb(decimals), fc.constant(decimals))),
        ([tie, decimals]) => {
          const rounded = roundTo(tie, decimals, "half_even");
          // The last digit is even: rounded × 10^decimals is an even integer.
          const lastPlace = rounded.times(new Decimal(10).pow(decimals));
          expect(lastPlace.isInteger()).toBe(true);
          expect(lastPlace.mod(2).isZero()).toBe(true);
        },
      ),
    );
  });

  it("is symmetric about zero for the modes that do not name a direction on the line", () => {
    fc.assert(
      fc.property(
        valueAndDecimalsArb,
        fc.constantFrom("half_even", "half_up", "half_down", "up", "down" as const),
        ([value, decimals], mode) => {
          const positive = roundTo(value, decimals, mode);
          const negative = roundTo(value.negated(), decimals, mode);
          expect(negative.equals(positive.negated())).toBe(true);
        },
      ),
    );
  });
});
