import { type Decimal, toPlainString, ZERO } from "../money/index.js";
import type { PriceStep } from "../schema/index.js";
import { type GraduatedTerms, graduatedTermsSchema } from "../schema/index.js";
import { assertNonNegativeQuantity } from "./assertQuantity.js";
import type { PriceModel } from "./priceModel.js";

/**
 * Graduated tiers: the units in each tier `(previous upTo, upTo]` are priced at that tier's unit
 * price, and each reached tier adds its flat fee. 61,400 GB over tiers up to 10,000 at $0.08, up to
 * 50,000 at $0.06, then $0.04: 10,000 × 0.08 + 40,000 × 0.06 + 11,400 × 0.04 = 800 + 2,400 + 456 = $3,656.
 */
export const graduated: PriceModel<"graduated"> = {
  model: "graduated",
  termsSchema: graduatedTermsSchema,
  usesQuantity: true,
  rate: (terms: GraduatedTerms, quantity) => {
    assertNonNegativeQuantity(quantity, "graduated");
    const steps: PriceStep[] = [];
    let amount: Decimal = ZERO;
    let from: Decimal = ZERO;
    for (const [index, tier] of terms.tiers.entries()) {
      const upTo = tier.upTo ?? undefined;
      const top = upTo === undefined || quantity.lessThan(upTo) ? quantity : upTo;
      const inTier = top.minus(from);
      const isZeroUsageFirstTier = index === 0 && quantity.isZero();
      if (inTier.isPositive() && !inTier.isZero()) {
        const tierAmount = inTier.times(tier.unitPrice);
        amount = amount.plus(tierAmount);
        steps.push({
          kind: "tier",
          mode: "graduated",
          tier: index + 1,
          from: toPlainString(from),
          upTo: upTo === undefined ? null : toPlainString(upTo),
          quantity: toPlainString(inTier),
          unitPrice: toPlainString(tier.unitPrice),
          amount: toPlainString(tierAmount),
        });
      } else if (isZeroUsageFirstTier) {
        steps.push({
          kind: "tier",
          mode: "graduated",
          tier: 1,
          from: "0",
          upTo: upTo === undefined ? null : toPlainString(upTo),
          quantity: "0",
          unitPrice: toPlainString(tier.unitPrice),
          amount: "0",
        });
      }
      const reached =
        quantity.greaterThan(from) || (isZeroUsageFirstTier && terms.flatFeeAtZeroUsage !== false);
      if (reached && tier.flatFee !== undefined && !tier.flatFee.isZero()) {
        amount = amount.plus(tier.flatFee);
        steps.push({
          kind: "tier_flat_fee",
          tier: index + 1,
          zeroUsage: quantity.isZero(),
          amount: toPlainString(tier.flatFee),
        });
      }
      if (upTo === undefined || !quantity.greaterThan(upTo)) break;
      from = upTo;
    }
    return { amount, steps, unitPrice: "tiered" };
  },
};
