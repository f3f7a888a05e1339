import { type Decimal, toPlainString } from "../money/index.js";
import type { PriceStep, TierTerms } from "../schema/index.js";

/** A priced step and its exact amount, kept as a Decimal so callers never re-parse the text. */
export interface PricedStep {
  readonly step: PriceStep;
  readonly amount: Decimal;
}

/** The step for `quantity` units priced at one tier (graduated: the units inside it; volume: all units). */
export function tierStep(
  mode: "graduated" | "volume",
  index: number,
  from: Decimal,
  tier: TierTerms,
  quantity: Decimal,
): PricedStep {
  const amount = quantity.times(tier.unitPrice);
  const upTo = tier.upTo ?? undefined;
  return {
    amount,
    step: {
      kind: "tier",
      mode,
      tier: index + 1,
      from: toPlainString(from),
      upTo: upTo === undefined ? null : toPlainString(upTo),
      quantity: toPlainString(quantity),
      unitPrice: toPlainString(tier.unitPrice),
      amount: toPlainString(amount),
    },
  };
}

/**
 * The flat fee of a reached tier, if it has one. At zero usage the fee is billed only when
 * `flatFeeAtZeroUsage` is not false (the default follows Stripe and OpenMeter: billed; Lago bills nothing).
 */
export function tierFlatFeeStep(
  index: number,
  tier: TierTerms,
  quantity: Decimal,
  flatFeeAtZeroUsage: boolean | undefined,
): PricedStep | undefined {
  const fee = tier.flatFee;
  if (fee === undefined || fee.isZero()) return undefined;
  if (quantity.isZero() && flatFeeAtZeroUsage === false) return undefined;
  return {
    amount: fee,
    step: {
      kind: "tier_flat_fee",
      tier: index + 1,
      zeroUsage: quantity.isZero(),
      amount: toPlainString(fee),
    },
  };
}
