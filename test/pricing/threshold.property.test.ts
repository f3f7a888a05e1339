import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ratePrice } from "../../src/pricing/index.js";
import { thresholdArb } from "../_arbitraries/prices.js";
import { withQuantityNearBoundsArb } from "../_arbitraries/tierBounds.js";

describe("threshold (laws)", () => {
  it("costs exactly one of the band amounts: the first band whose upTo the quantity does not exceed", () => {
    fc.assert(
      fc.property(
        withQuantityNearBoundsArb(thresholdArb, (terms) => terms.bands),
        ({ terms, quantity }) => {
          const amount = ratePrice(terms, quantity).amount;
          if (quantity.isZero() && terms.flatFeeAtZeroUsage === false) {
            // The one exception: zero usage with flatFeeAtZeroUsage false bills nothing.
            expect(amount.isZero()).toBe(true);
            return;
          }
          expect(terms.bands.some((band) => band.amount.equals(amount))).toBe(true);
          const band = terms.bands.find((b) => b.upTo == null || quantity.lessThanOrEqualTo(b.upTo))!;
          expect(amount.equals(band.amount)).toBe(true);
        },
      ),
    );
  });
});
