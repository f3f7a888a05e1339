import type { Decimal, ExactQuotient } from "../../../money/index.js";
import { tiersForQuantity } from "../../aboveLastTier.js";
import { assertNonNegativeQuantity } from "../../assertQuantity.js";
import { graduatedFraction } from "../../fractionPricing.js";
import { resultOf } from "../../pricedSteps.js";
import type { FractionAmount, RatedAmount } from "../../priceModel.js";
import { tierFlatFeeStep, tierStep } from "../../tierSteps.js";
import { graduatedTiers } from "../../tierWalk.js";
import type { GraduatedPercentageStep } from "./steps.js";
import type { GraduatedPercentageTerms } from "./terms.js";

/**
 * Graduated percentage (Lago): the total amount is split into tiers and each part is charged its
 * tier's percent, plus the flat fee of each reached tier. $15,000 of payments over tiers up to
 * $10,000 at 2 % then 1.5 %: 10,000 × 0.02 + 5,000 × 0.015 = 200 + 75 = $275.
 * The step's `unitPrice` is the rate as a fraction (2 % → 0.02). At a zero amount tier 1's flat fee
 * is billed only with `flatFeeAtZeroUsage: true`.
 */
export function rateGraduatedPercentage(
  terms: GraduatedPercentageTerms,
  quantity: Decimal,
): RatedAmount<GraduatedPercentageStep> {
  assertNonNegativeQuantity(quantity, "graduated percentage");
  const priced = graduatedTiers(
    tiersForQuantity(terms.tiers, quantity, terms.aboveLastTier),
    quantity,
  ).flatMap((reached) => [
    tierStep("graduated_percentage", reached, reached.tier.percent.div(100)),
    // No fee at a zero amount unless the terms ask for it (the default stays as it was: false).
    tierFlatFeeStep(reached.index, reached.tier.flatFee, quantity, terms.flatFeeAtZeroUsage ?? false),
  ]);
  return resultOf<GraduatedPercentageStep>(priced);
}

/**
 * {@link rateGraduatedPercentage} of an amount that is the fraction n ÷ d (an average payment): the last
 * reached tier holds the fraction, and the amount is divided once (fractionPricing.ts).
 */
export function rateGraduatedPercentageFraction(
  terms: GraduatedPercentageTerms,
  quantity: Decimal,
  fraction: ExactQuotient,
): FractionAmount<GraduatedPercentageStep> {
  assertNonNegativeQuantity(quantity, "graduated percentage");
  const reached = graduatedTiers(tiersForQuantity(terms.tiers, quantity, terms.aboveLastTier), quantity);
  return graduatedFraction(
    "graduated_percentage",
    reached,
    (tier) => tier.percent.div(100),
    fraction,
    (tier) => tierFlatFeeStep(tier.index, tier.tier.flatFee, quantity, terms.flatFeeAtZeroUsage ?? false),
  );
}
