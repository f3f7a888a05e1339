import { capacityExceeded, InputError } from "../../../errors/index.js";
import { type Decimal, toPlainString, ZERO } from "../../../money/index.js";
import { resultOf } from "../../pricedSteps.js";
import type { RatedAmount, RatingContext } from "../../priceModel.js";
import type { CapacityStep } from "./steps.js";
import type { CapacityTerms } from "./terms.js";

/**
 * Capacity pricing (Kill Bill's CAPACITY usage): the price of the lowest tier whose every limit
 * holds, each limit a maximum for one meter. Tiers "≤ 100 GB and ≤ 1M requests: $20", "≤ 1,000 GB
 * and ≤ 10M requests: $150": 120 GB and 0.5M requests exceed tier 1's storage, so $150.
 * @throws InputError `capacity_exceeded` when usage exceeds every tier's limits
 */
export function rateCapacity(
  terms: CapacityTerms,
  quantity: Decimal,
  context: RatingContext,
): RatedAmount<CapacityStep> {
  const measured = (meter: string) => context.meterQuantities.get(meter) ?? ZERO;
  const index = terms.tiers.findIndex((tier) =>
    (tier.limits ?? []).every((limit) => measured(limit.meter).lessThanOrEqualTo(limit.max)),
  );
  const tier = terms.tiers[index];
  if (tier === undefined) {
    const usage = (terms.tiers.at(-1)?.limits ?? []).map(
      (limit) => `${limit.meter} ${measured(limit.meter).toFixed()}`,
    );
    throw InputError.from(capacityExceeded(usage), "");
  }
  // Like Kill Bill, no usage at all (the charge's meter and every limited meter at zero) can bill
  // nothing when the contract says so.
  const limited = terms.tiers.flatMap((candidate) => (candidate.limits ?? []).map((limit) => limit.meter));
  const noUsage = quantity.isZero() && limited.every((meter) => measured(meter).isZero());
  const amount = noUsage && terms.flatFeeAtZeroUsage === false ? ZERO : tier.amount;
  return resultOf([
    {
      amount,
      step: {
        kind: "capacity",
        tier: index + 1,
        limits: (tier.limits ?? []).map((limit) => ({
          meter: limit.meter,
          quantity: toPlainString(measured(limit.meter)),
          max: toPlainString(limit.max),
        })),
        amount: toPlainString(amount),
      },
    },
  ]);
}
