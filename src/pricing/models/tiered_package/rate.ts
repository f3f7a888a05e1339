import { type Decimal, roundToInteger, toPlainString } from "../../../money/index.js";
import { tiersForQuantity } from "../../aboveLastTier.js";
import { assertNonNegativeQuantity } from "../../assertQuantity.js";
import { type PricedStep, resultOf } from "../../pricedSteps.js";
import type { RatedAmount } from "../../priceModel.js";
import { graduatedTiers, type ReachedTier, volumeTier } from "../../tierWalk.js";
import type { TierPackageStep } from "./steps.js";
import type { PackageTierTerms, TieredPackageTerms } from "./terms.js";

/**
 * Tiered package (Kill Bill's tiered blocks): each tier bills whole blocks of its `packageSize` at
 * its `packagePrice`, a partial block billed whole. Graduated: tier by tier (Kill Bill ALL_TIERS);
 * volume: all units in the blocks of the tier the total reaches (TOP_TIER).
 * Graduated, tiers up to 1,000 in blocks of 100 at $5, then blocks of 500 at $20: 1,250 units =
 * 10 blocks × 5 + ceil(250 ÷ 500) = 1 block × 20 = $70.
 */
export function rateTieredPackage(
  terms: TieredPackageTerms,
  quantity: Decimal,
): RatedAmount<TierPackageStep> {
  assertNonNegativeQuantity(quantity, "tiered package");
  const tiers = tiersForQuantity(terms.tiers, quantity, terms.aboveLastTier);
  const reached =
    terms.mode === "graduated" ? graduatedTiers(tiers, quantity) : [volumeTier(tiers, quantity)];
  return resultOf(reached.map((tier) => packageTierStep(terms.mode, tier)));
}

function packageTierStep(
  mode: "graduated" | "volume",
  reached: ReachedTier<PackageTierTerms>,
): PricedStep<TierPackageStep> {
  const { tier } = reached;
  const packages: Decimal = roundToInteger(reached.inTier.div(tier.packageSize), "ceiling");
  const amount = packages.times(tier.packagePrice);
  const upTo = tier.upTo ?? undefined;
  return {
    amount,
    step: {
      kind: "tier_package",
      mode,
      tier: reached.index + 1,
      from: toPlainString(reached.from),
      upTo: upTo === undefined ? null : toPlainString(upTo),
      quantity: toPlainString(reached.inTier),
      packageSize: toPlainString(tier.packageSize),
      packages: toPlainString(packages),
      packagePrice: toPlainString(tier.packagePrice),
      amount: toPlainString(amount),
    },
  };
}
