import { addQuotients, type Decimal, type ExactQuotient, ONE, quotient } from "../../../money/index.js";
import { tiersForQuantity } from "../../aboveLastTier.js";
import { assertNonNegativeQuantity } from "../../assertQuantity.js";
import { resultOf } from "../../pricedSteps.js";
import type { FractionAmount, RatedAmount } from "../../priceModel.js";
import { fractionTierStep, tierFlatFeeStep, tierStep } from "../../tierSteps.js";
import { tierUnitPrice } from "../../tiers.js";
import { volumeTier } from "../../tierWalk.js";
import type { VolumeStep } from "./steps.js";
import type { VolumeTerms } from "./terms.js";

/**
 * Volume tiers: the total quantity picks one tier — the first whose `upTo` it does not exceed — and
 * every unit is priced at that tier's unit price, plus that tier's flat fee (Stripe and Lago "volume").
 * 1,500 GB over tiers up to 1,000 at $0.03, then $0.02: all 1,500 × 0.02 = $30.
 */
export function rateVolume(terms: VolumeTerms, quantity: Decimal): RatedAmount<VolumeStep> {
  assertNonNegativeQuantity(quantity, "volume");
  const reached = volumeTier(tiersForQuantity(terms.tiers, quantity, terms.aboveLastTier), quantity);
  return resultOf<VolumeStep>([
    tierStep("volume", reached, tierUnitPrice(reached.tier)),
    tierFlatFeeStep(reached.index, reached.tier.flatFee, quantity, terms.flatFeeAtZeroUsage),
  ]);
}

/**
 * {@link rateVolume} of a quantity that is the fraction n ÷ d: n × the tier's unit price ÷ d, plus its
 * flat fee, divided once. 4/3 GB at $0.75 = 4 × 0.75 ÷ 3 = $1.00 exactly.
 */
export function rateVolumeFraction(
  terms: VolumeTerms,
  quantity: Decimal,
  fraction: ExactQuotient,
): FractionAmount<VolumeStep> {
  assertNonNegativeQuantity(quantity, "volume");
  const reached = volumeTier(tiersForQuantity(terms.tiers, quantity, terms.aboveLastTier), quantity);
  const held = fractionTierStep("volume", reached, tierUnitPrice(reached.tier), fraction);
  const fee = tierFlatFeeStep(reached.index, reached.tier.flatFee, quantity, terms.flatFeeAtZeroUsage);
  return fee === undefined
    ? { exact: held.exact, steps: [held.step] }
    : { exact: addQuotients(held.exact, quotient(fee.amount, ONE)), steps: [held.step, fee.step] };
}
