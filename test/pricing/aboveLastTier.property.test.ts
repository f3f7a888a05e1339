import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import type { PriceTerms, TierTerms } from "../../src/pricing/index.js";
import { ratePrice } from "../../src/pricing/index.js";
import { quantityArb, tiersArb } from "../_arbitraries/prices.js";
import { thrown } from "../_support/thrown.js";

// A bounded last tier changes nothing inside its bound, and "extend" is the same list left unbounded.
// The generated tiers end unbounded; bounding the last one at `bound` gives the list under test.
const boundedArb = fc
  .record({
    tiers: tiersArb({ flatFees: true }),
    quantity: quantityArb,
    above: fc.integer({ min: 1, max: 10_000 }),
  })
  .map(({ tiers, quantity, above }) => {
    const previous = tiers.at(-2)?.upTo ?? new Decimal(0);
    const bound = previous.plus(above);
    const bounded: TierTerms[] = [...tiers.slice(0, -1), { ...tiers.at(-1)!, upTo: bound }];
    return { tiers, bounded, bound, quantity };
  });

const models = ["graduated", "volume"] as const;

describe("aboveLastTier", () => {
  it('"extend" prices every quantity as the list with its last tier unbounded', () => {
    fc.assert(
      fc.property(boundedArb, fc.constantFrom(...models), ({ tiers, bounded, quantity }, model) => {
        const open = ratePrice({ model, tiers } as PriceTerms, quantity).amount;
        const extended = ratePrice(
          { model, tiers: bounded, aboveLastTier: "extend" } as PriceTerms,
          quantity,
        ).amount;
        expect(extended.equals(open)).toBe(true);
      }),
    );
  });

  it('"refuse" prices quantities up to the bound as the unbounded list, and refuses every larger one', () => {
    fc.assert(
      fc.property(boundedArb, fc.constantFrom(...models), ({ tiers, bounded, bound, quantity }, model) => {
        const refusing = { model, tiers: bounded, aboveLastTier: "refuse" } as PriceTerms;
        if (quantity.lessThanOrEqualTo(bound)) {
          const open = ratePrice({ model, tiers } as PriceTerms, quantity).amount;
          expect(ratePrice(refusing, quantity).amount.equals(open)).toBe(true);
        } else {
          expect(thrown(() => ratePrice(refusing, quantity))).toMatchObject({
            code: "quantity_above_last_tier",
          });
        }
      }),
    );
  });
});
