import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Decimal, ZERO } from "../../src/money/index.js";
import { type PriceStep, ratePrice, type TierTerms } from "../../src/pricing/index.js";
import { tiersArb } from "../_arbitraries/prices.js";
import { withQuantityNearBoundsArb } from "../_arbitraries/tierBounds.js";

type TierStep = Extract<PriceStep, { kind: "tier" }>;
const isTier = (step: PriceStep): step is TierStep => step.kind === "tier";

/** The tier a volume price reports for a quantity (its one tier step). */
function reportedTier(tiers: TierTerms[], quantity: Decimal): number {
  const step = ratePrice({ model: "volume", tiers }, quantity).steps.find(isTier);
  if (step === undefined) throw new Error("a volume price writes one tier step");
  return step.tier;
}

describe("volume", () => {
  it("equals graduated with every tier at the reached tier's rate, plus the reached tier's flat fee", () => {
    fc.assert(
      fc.property(
        withQuantityNearBoundsArb(tiersArb({ flatFees: true }), (tiers) => tiers),
        ({ terms: tiers, quantity }) => {
          const index = reportedTier(tiers, quantity) - 1;
          const reached = tiers[index]!;
          // The reported tier holds the quantity: above the previous tier's upTo (zero is tier 1's), and
          // not above its own (bounds are inclusive, docs/decisions/tier-bounds.md).
          const lower = index === 0 ? ZERO : tiers[index - 1]!.upTo!;
          expect(index === 0 || quantity.greaterThan(lower)).toBe(true);
          expect(reached.upTo == null || quantity.lessThanOrEqualTo(reached.upTo)).toBe(true);
          // The oracle: graduated pricing, every tier at the reached rate, so every unit costs that rate.
          const atReachedRate = tiers.map(({ flatFee: _fee, ...tier }) => ({
            ...tier,
            unitPrice: reached.unitPrice,
          }));
          const graduated = ratePrice({ model: "graduated", tiers: atReachedRate }, quantity).amount;
          const expected = graduated.plus(reached.flatFee ?? ZERO);
          expect(ratePrice({ model: "volume", tiers }, quantity).amount.equals(expected)).toBe(true);
        },
      ),
    );
  });

  it("prices a total exactly on a tier's upTo in that tier, and a thousandth more in the next", () => {
    const boundArb = tiersArb()
      .filter((tiers) => tiers.length > 1)
      .chain((tiers) => fc.record({ tiers: fc.constant(tiers), index: fc.nat({ max: tiers.length - 2 }) }));
    fc.assert(
      fc.property(boundArb, ({ tiers, index }) => {
        const bound = tiers[index]!.upTo!;
        // on the bound: tier index + 1 (1-based); 0.001 above it: the tier after
        expect(reportedTier(tiers, bound)).toBe(index + 1);
        expect(reportedTier(tiers, bound.plus("0.001"))).toBe(index + 2);
      }),
    );
  });
});
