import type { Decimal, ExactQuotient } from "../../../money/index.js";
import { tiersForQuantity } from "../../aboveLastTier.js";
import { assertNonNegativeQuantity } from "../../assertQuantity.js";
import { graduatedFraction } from "../../fractionPricing.js";
import { type PricedStep, resultOf } from "../../pricedSteps.js";
import type { FractionAmount, RatedAmount } from "../../priceModel.js";
import { tierFlatFeeStep, tierStep } from "../../tierSteps.js";
import { tierUnitPrice } from "../../tiers.js";
import { graduatedTiers } from "../../tierWalk.js";
import type { GraduatedStep } from "./steps.js";
import type { GraduatedTerms } from "./terms.js";

/**
 * Graduated tiers: the units in each tier `(previous upTo, upTo]` are priced at that tier's unit
 * price, and each reached tier adds its flat fee. 61,400 GB over tiers up to 10,000 at $0.08, up to
 * 50,000 at $0.06, then $0.04: 10,000 × 0.08 + 40,000 × 0.06 + 11,400 × 0.04 = 800 + 2,400 + 456 = $3,656.
 * Zero usage gives one tier-1 step of 0 units (and tier 1's flat fee, unless `flatFeeAtZeroUsage` is false).
 */
export function rateGraduated(terms: GraduatedTerms, quantity: Decimal): RatedAmount<GraduatedStep> {
  assertNonNegativeQuantity(quantity, "graduated");
  const priced: (PricedStep<GraduatedStep> | undefined)[] = [];
  for (const reached of graduatedTiers(
    tiersForQuantity(terms.tiers, quantity, terms.aboveLastTier),
    quantity,
  )) {
    priced.push(tierStep("graduated", reached, tierUnitPrice(reached.tier)));
    if (reached.tier.flatFee !== undefined)
      priced.push(tierFlatFeeStep(reached.index, reached.tier.flatFee, quantity, terms.flatFeeAtZeroUsage));
  }
  return resultOf<GraduatedStep>(priced);
}

/**
 * {@link rateGraduated} of a quantity that is the fraction n ÷ d: the tiers below the last reached are
 * whole, so only the last one's units (n ÷ d − its from) hold the fraction; the amount is added as a
 * fraction and divided once. 100/3 GB over tiers up to 10 at $0.09, then $0.03: 10 × 0.09 + (100 − 30)
 * × 0.03 ÷ 3 = 0.90 + 0.70 = $1.60 exactly.
 */
export function rateGraduatedFraction(
  terms: GraduatedTerms,
  quantity: Decimal,
  fraction: ExactQuotient,
): FractionAmount<GraduatedStep> {
  assertNonNegativeQuantity(quantity, "graduated");
  const reached = graduatedTiers(tiersForQuantity(terms.tiers, quantity, terms.aboveLastTier), quantity);
  return graduatedFraction("graduated", reached, tierUnitPrice, fraction, (tier) =>
    tierFlatFeeStep(tier.index, tier.tier.flatFee, quantity, terms.flatFeeAtZeroUsage),
  );
}
