import { Decimal, ZERO } from "../money/index.js";
import { type GraduatedTerms, graduatedTermsSchema } from "../schema/index.js";
import { assertNonNegativeQuantity } from "./assertQuantity.js";
import type { PriceModel } from "./priceModel.js";
import { type PricedStep, tierFlatFeeStep, tierStep } from "./tierSteps.js";

/**
 * Graduated tiers: the units in each tier `(previous upTo, upTo]` are priced at that tier's unit
 * price, and each reached tier adds its flat fee. 61,400 GB over tiers up to 10,000 at $0.08, up to
 * 50,000 at $0.06, then $0.04: 10,000 × 0.08 + 40,000 × 0.06 + 11,400 × 0.04 = 800 + 2,400 + 456 = $3,656.
 * Zero usage gives one tier-1 step of 0 units (and tier 1's flat fee, unless `flatFeeAtZeroUsage` is false).
 */
export const graduated: PriceModel<"graduated"> = {
  model: "graduated",
  termsSchema: graduatedTermsSchema,
  usesQuantity: true,
  rate: (terms: GraduatedTerms, quantity) => {
    assertNonNegativeQuantity(quantity, "graduated");
    const priced: PricedStep[] = [];
    let from: Decimal = ZERO;
    for (const [index, tier] of terms.tiers.entries()) {
      const upTo = tier.upTo ?? undefined;
      const inTier = (upTo === undefined ? quantity : Decimal.min(quantity, upTo)).minus(from);
      // A tier is reached when it holds units; at zero usage, tier 1 is (so the breakdown says so).
      if (inTier.greaterThan(0) || quantity.isZero()) {
        priced.push(tierStep("graduated", index, from, tier, inTier));
        const fee = tierFlatFeeStep(index, tier, quantity, terms.flatFeeAtZeroUsage);
        if (fee) priced.push(fee);
      }
      if (upTo === undefined || quantity.lessThanOrEqualTo(upTo)) break;
      from = upTo;
    }
    return {
      amount: priced.reduce((sum, entry) => sum.plus(entry.amount), ZERO),
      steps: priced.map((entry) => entry.step),
      unitPrice: "tiered",
    };
  },
};
