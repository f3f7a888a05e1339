import {
  type Decimal,
  type ExactQuotient,
  fractionAbove,
  ONE,
  quotient,
  quotientValue,
  toPlainString,
  ZERO,
} from "../../../money/index.js";
import { assertNonNegativeQuantity } from "../../assertQuantity.js";
import { graduatedFraction } from "../../fractionPricing.js";
import { resultOf } from "../../pricedSteps.js";
import type { FractionAmount, RatedAmount } from "../../priceModel.js";
import { tierStep } from "../../tierSteps.js";
import { graduatedTiers, type ReachedTier } from "../../tierWalk.js";
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
  const minimum = minimumAbove(terms, reached, quantity, graduatedAmount);
  if (minimum === undefined) return resultOf<TieredWithMinimumStep>(tiers);
  const topUp: Decimal = minimum.minimum.minus(graduatedAmount);
  return resultOf<TieredWithMinimumStep>([
    ...tiers,
    { amount: topUp, step: topUpStep(minimum, graduatedAmount, topUp) },
  ]);
}

/**
 * {@link rateTieredWithMinimum} of a quantity that is the fraction n ÷ d: the graduated amount is a
 * fraction (fractionPricing.ts), compared with the minimum; topped up, the line is the minimum itself.
 */
export function rateTieredWithMinimumFraction(
  terms: TieredWithMinimumTerms,
  quantity: Decimal,
  fraction: ExactQuotient,
): FractionAmount<TieredWithMinimumStep> {
  assertNonNegativeQuantity(quantity, "tiered with minimum");
  const reached = graduatedTiers(terms.tiers, quantity);
  const graduated = graduatedFraction("tiered_with_minimum", reached, (tier) => tier.unitPrice, fraction);
  const before = quotientValue(graduated.exact);
  const minimum = minimumAbove(terms, reached, quantity, before);
  if (minimum === undefined) return graduated;
  // minimum − n ÷ d = −((n − minimum × d) ÷ d), divided once for the step.
  const topUp = quotientValue(fractionAbove(graduated.exact, minimum.minimum)).negated();
  return {
    exact: quotient(minimum.minimum, ONE),
    steps: [...graduated.steps, topUpStep(minimum, before, topUp)],
  };
}

// The highest reached tier's minimum, when it is above the graduated amount and billed at all.
function minimumAbove(
  terms: TieredWithMinimumTerms,
  reached: ReadonlyArray<ReachedTier<TieredWithMinimumTerms["tiers"][number]>>,
  quantity: Decimal,
  graduatedAmount: Decimal,
): { readonly minimum: Decimal; readonly tier: number } | undefined {
  const top = reached.at(-1);
  const minimum = top?.tier.minimum;
  const skipAtZero = quantity.isZero() && terms.flatFeeAtZeroUsage === false;
  if (top === undefined || minimum === undefined || skipAtZero || !minimum.greaterThan(graduatedAmount))
    return undefined;
  return { minimum, tier: top.index + 1 };
}

function topUpStep(
  minimum: { readonly minimum: Decimal; readonly tier: number },
  before: Decimal,
  amount: Decimal,
): TieredWithMinimumStep {
  return {
    kind: "tier_minimum",
    tier: minimum.tier,
    minimum: toPlainString(minimum.minimum),
    before: toPlainString(before),
    amount: toPlainString(amount),
  };
}
