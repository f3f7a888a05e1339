import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, ZERO } from "../../src/money/index.js";
import type { PriceTerms, TierTerms } from "../../src/pricing/index.js";
import { ratePrice } from "../../src/pricing/index.js";
import { quantityArb, tiersArb, unitPriceArb } from "../_arbitraries/prices.js";
import { quantityAtBoundsArb, withQuantityNearBoundsArb } from "../_arbitraries/tierBounds.js";

// Two quantities to compare, each on or next to a tier bound, or anywhere.
const nearBoundsPair = (tiers: TierTerms[]) => {
  const quantity: fc.Arbitrary<Decimal> = fc.oneof(quantityAtBoundsArb(tiers), quantityArb);
  return fc.record({ tiers: fc.constant(tiers), a: quantity, b: quantity });
};

describe("graduated", () => {
  it("never costs less for more usage when prices are non-negative", () => {
    fc.assert(
      fc.property(tiersArb({ flatFees: true }).chain(nearBoundsPair), ({ tiers, a, b }) => {
        const [low, high] = a.lessThan(b) ? [a, b] : [b, a];
        const terms: PriceTerms = { model: "graduated", tiers };
        expect(ratePrice(terms, low).amount.lessThanOrEqualTo(ratePrice(terms, high).amount)).toBe(true);
      }),
    );
  });

  it("with a single tier equals unit pricing", () => {
    fc.assert(
      fc.property(unitPriceArb, quantityArb, (unitPrice, quantity) => {
        const graduated = ratePrice({ model: "graduated", tiers: [{ unitPrice }] }, quantity).amount;
        const unit = ratePrice({ model: "unit", unitPrice }, quantity).amount;
        expect(graduated.equals(unit)).toBe(true);
      }),
    );
  });

  it("equals the sum over tiers of (units inside the tier × its price)", () => {
    fc.assert(
      fc.property(
        withQuantityNearBoundsArb(tiersArb(), (tiers) => tiers),
        ({ terms: tiers, quantity }) => {
          // Independent restatement: units in tier i = clamp(q, lower_i, upper_i) − lower_i.
          let expected = ZERO;
          let lower = ZERO;
          for (const tier of tiers) {
            const upper = tier.upTo ?? Decimal.max(quantity, lower);
            const top = Decimal.min(Decimal.max(quantity, lower), upper);
            expected = expected.plus(top.minus(lower).times(tier.unitPrice));
            lower = upper;
          }
          expect(ratePrice({ model: "graduated", tiers }, quantity).amount.equals(expected)).toBe(true);
        },
      ),
    );
  });
});
