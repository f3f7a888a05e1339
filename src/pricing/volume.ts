import { type Decimal, toPlainString, ZERO } from "../money/index.js";
import type { PriceStep } from "../schema/index.js";
import { type VolumeTerms, volumeTermsSchema } from "../schema/index.js";
import { assertNonNegativeQuantity } from "./assertQuantity.js";
import type { PriceModel } from "./priceModel.js";

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
    let from: Decimal = ZERO;
    let index = 0;
    for (; index < terms.tiers.length - 1; index += 1) {
      const upTo = terms.tiers[index]?.upTo ?? undefined;
      if (upTo === undefined || !quantity.greaterThan(upTo)) break;
      from = upTo;
    }
    const tier = terms.tiers[index]!;
    const upTo = tier.upTo ?? undefined;
    const unitsAmount = quantity.times(tier.unitPrice);
    const steps: PriceStep[] = [
      {
        kind: "tier",
        mode: "volume",
        tier: index + 1,
        from: toPlainString(from),
        upTo: upTo === undefined ? null : toPlainString(upTo),
        quantity: toPlainString(quantity),
        unitPrice: toPlainString(tier.unitPrice),
        amount: toPlainString(unitsAmount),
      },
    ];
    let amount = unitsAmount;
    const billFlatFee = !quantity.isZero() || terms.flatFeeAtZeroUsage !== false;
    if (billFlatFee && tier.flatFee !== undefined && !tier.flatFee.isZero()) {
      amount = amount.plus(tier.flatFee);
      steps.push({
        kind: "tier_flat_fee",
        tier: index + 1,
        zeroUsage: quantity.isZero(),
        amount: toPlainString(tier.flatFee),
      });
    }
    return { amount, steps, unitPrice: "tiered" };
  },
};
