import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, ZERO } from "../../src/money/index.js";
import type { PriceTerms } from "../../src/pricing/index.js";
import { ratePrice } from "../../src/pricing/index.js";
import { tieredWithMinimumArb } from "../_arbitraries/prices.js";
import { withQuantityNearBoundsArb } from "../_arbitraries/tierBounds.js";

const tiersOf = (terms: PriceTerms) => (terms.model === "tiered_with_minimum" ? terms.tiers : []);

describe("tiered with minimum (laws)", () => {
  it("costs the larger of the graduated amount and the highest reached tier's minimum", () => {
    fc.assert(
      fc.property(withQuantityNearBoundsArb(tieredWithMinimumArb, tiersOf), ({ terms, quantity }) => {
        if (terms.model !== "tiered_with_minimum") return;
        // Independent restatement: units in tier i = clamp(q, lower_i, upper_i) − lower_i.
        let graduatedAmount = ZERO;
        let lower = ZERO;
        let top = terms.tiers[0]!;
        for (const tier of terms.tiers) {
          if (!lower.isZero() && quantity.lessThanOrEqualTo(lower)) break;
          top = tier;
          const upper = tier.upTo ?? Decimal.max(quantity, lower);
          graduatedAmount = graduatedAmount.plus(
            Decimal.min(quantity, upper).minus(lower).times(tier.unitPrice),
          );
          lower = upper;
        }
        // No top-up at zero usage when flatFeeAtZeroUsage is false.
        const skipped = quantity.isZero() && terms.flatFeeAtZeroUsage === false;
        const expected = skipped ? graduatedAmount : Decimal.max(graduatedAmount, top.minimum ?? ZERO);
        expect(ratePrice(terms, quantity).amount.equals(expected)).toBe(true);
      }),
    );
  });
});
