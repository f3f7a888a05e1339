import { type Decimal, toPlainString, ZERO } from "../../../money/index.js";
import { assertNonNegativeQuantity } from "../../assertQuantity.js";
import { resultOf } from "../../pricedSteps.js";
import type { RatedAmount } from "../../priceModel.js";
import { tierStep } from "../../tierSteps.js";
import { graduatedTiers } from "../../tierWalk.js";
import type { TieredWithMinimumStep } from "./steps.js";
import type { TieredWithMinimumTerms } from "./terms.js";

/**
 * Graduated tiers with a minimum set by the tier reached (Orb's tiered_with_minimum): the line costs
 * the graduated amount, topped up to the highest reached tier's minimum when it is less.
 * Tiers up to 1,000 at $0.10 (minimum $50), then $0.08 (minimum $150): 1,200 units = 100 + 16 = $116,
 * below the tier-2 minimum, so $150 (a $34 top-up step). Zero usage reaches tier 1, so its minimum
 * applies unless `flatFeeAtZeroUsage` is false.
 */
export function rateTieredWithMinimum(
  terms: TieredWithMinimumTerms,
  quantity: Decimal,
): RatedAmount<TieredWithMinimumStep> {
  assertNonNegativeQuantity(quantity, "tiered with minimum");
  const reached = graduatedTiers(terms.tiers, quantity);
  const tiers = reached.map((tier) => tierStep("tiered_with_minimum", tier, tier.tier.unitPrice));
  const graduatedAmount = tiers.reduce((sum, entry) => sum.plus(entry.amount), ZERO);
  const top = reached.at(-1);
  const minimum = top?.tier.minimum;
  const skipAtZero = quantity.isZero() && terms.flatFeeAtZeroUsage === false;
  if (top === undefined || minimum === undefined || skipAtZero || !minimum.greaterThan(graduatedAmount)) {
    return resultOf<TieredWithMinimumStep>(tiers);
  }
  const topUp: Decimal = minimum.minus(graduatedAmount);
  return resultOf<TieredWithMinimumStep>([
    ...tiers,
    {
      amount: topUp,
      step: {
        kind: "tier_minimum",
        tier: top.index + 1,
        minimum: toPlainString(minimum),
        before: toPlainString(graduatedAmount),
        amount: toPlainString(topUp),
      },
    },
  ]);
}
