import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import { billableQuantity } from "../../src/rating/index.js";

const quantityArb = fc
  .tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 6 }))
  .map(([units, scale]) => new Decimal(units).div(new Decimal(10).pow(scale)));
const incrementArb = fc
  .constantFrom("1", "0.01", "0.001", "0.25", "6", "3600")
  .map((text) => new Decimal(text));
const modeArb = fc.constantFrom("up" as const, "down" as const, "half_up" as const, "half_even" as const);

describe("laws of quantity rounding", () => {
  it("gives a multiple of the increment, within one increment (half of one for the nearest modes), on the mode's side", () => {
    fc.assert(
      fc.property(quantityArb, incrementArb, modeArb, (quantity, increment, mode) => {
        const rounded = billableQuantity(quantity, { round: { mode, increment } }).quantity;
        expect(rounded.div(increment).isInteger()).toBe(true);
        const gap = rounded.minus(quantity).abs();
        if (mode === "up") expect(rounded.gte(quantity) && gap.lt(increment)).toBe(true);
        if (mode === "down") expect(rounded.lte(quantity) && gap.lt(increment)).toBe(true);
        if (mode === "half_up" || mode === "half_even") expect(gap.lte(increment.div(2))).toBe(true);
      }),
    );
  });

  it("rounding to N decimals is rounding to an increment of 10^-N, and whole units as before", () => {
    fc.assert(
      fc.property(quantityArb, fc.integer({ min: 0, max: 9 }), modeArb, (quantity, decimals, mode) => {
        const byDecimals = billableQuantity(quantity, { round: { mode, decimals } }).quantity;
        const increment = new Decimal(10).pow(-decimals);
        const byIncrement = billableQuantity(quantity, { round: { mode, increment } }).quantity;
        expect(byDecimals.equals(byIncrement)).toBe(true);
        if (mode === "up" || mode === "down") {
          const old = billableQuantity(quantity, { round: mode }).quantity;
          const whole = billableQuantity(quantity, { round: { mode } }).quantity;
          expect(whole.equals(old)).toBe(true);
        }
      }),
    );
  });
});
