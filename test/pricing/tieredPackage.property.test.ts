import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type PriceTerms, ratePrice } from "../../src/pricing/index.js";
import { frozenQuantityArb, tieredPackageArb } from "../_arbitraries/prices.js";
import { withQuantityNearBoundsArb } from "../_arbitraries/tierBounds.js";

const tiersOf = (terms: PriceTerms) => (terms.model === "tiered_package" ? terms.tiers : []);

describe("tiered package (laws)", () => {
  it("graduated never costs less for more usage", () => {
    const graduated = tieredPackageArb.filter(
      (terms) => terms.model === "tiered_package" && terms.mode === "graduated",
    );
    fc.assert(
      fc.property(graduated, frozenQuantityArb, frozenQuantityArb, (terms, a, b) => {
        const [low, high] = a.lessThan(b) ? [a, b] : [b, a];
        expect(ratePrice(terms, low).amount.lessThanOrEqualTo(ratePrice(terms, high).amount)).toBe(true);
      }),
    );
  });

  it("volume costs ceil(quantity ÷ the reached tier's block size) × its block price", () => {
    const volume = tieredPackageArb.filter(
      (terms) => terms.model === "tiered_package" && terms.mode === "volume",
    );
    fc.assert(
      fc.property(withQuantityNearBoundsArb(volume, tiersOf), ({ terms, quantity }) => {
        if (terms.model !== "tiered_package") return;
        const reached = terms.tiers.find(
          (tier) => tier.upTo == null || quantity.lessThanOrEqualTo(tier.upTo),
        )!;
        // Ceiling by integer division: blocks = q div size, plus one if anything is left over.
        const whole = quantity.divToInt(reached.packageSize);
        const blocks = whole.times(reached.packageSize).equals(quantity) ? whole : whole.plus(1);
        expect(ratePrice(terms, quantity).amount.equals(blocks.times(reached.packagePrice))).toBe(true);
      }),
    );
  });
});
