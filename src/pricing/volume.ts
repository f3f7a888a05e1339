import { type Decimal, ZERO } from "../money/index.js";
import { type VolumeTerms, volumeTermsSchema } from "../schema/index.js";
import { assertNonNegativeQuantity } from "./assertQuantity.js";
import type { PriceModel } from "./priceModel.js";
import { tierFlatFeeStep, tierStep } from "./tierSteps.js";

/**
 * Volume tiers: the total quantity picks one tier — the first whose `upTo` it does not exceed — and
 * every unit is priced at that tier's unit price, plus that tier's flat fee (Stripe and Lago "volume").
 * 1,500 GB over tiers up to 1,000 at $0.03, then $0.02: all 1,500 × 0.02 = $30.
 */
export const volume: PriceModel<"volume"> = {
  model: "volume",
  termsSchema: volumeTermsSchema,
  usesQuantity: true,
  rate: (terms: VolumeTerms, quantity) => {
    assertNonNegativeQuantity(quantity, "volume");
    const index = terms.tiers.findIndex((tier) => tier.upTo == null || quantity.lessThanOrEqualTo(tier.upTo));
    const tier = terms.tiers[index]!;
    const from: Decimal = index === 0 ? ZERO : terms.tiers[index - 1]!.upTo!;
    const units = tierStep("volume", index, from, tier, quantity);
    const fee = tierFlatFeeStep(index, tier, quantity, terms.flatFeeAtZeroUsage);
    return {
      amount: fee ? units.amount.plus(fee.amount) : units.amount,
      steps: fee ? [units.step, fee.step] : [units.step],
      unitPrice: "tiered",
    };
  },
};
