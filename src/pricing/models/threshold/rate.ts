import { type Decimal, toPlainString, ZERO } from "../../../money/index.js";
import { assertNonNegativeQuantity } from "../../assertQuantity.js";
import { resultOf } from "../../pricedSteps.js";
import type { RatedAmount } from "../../priceModel.js";
import { volumeTier } from "../../tierWalk.js";
import type { ThresholdStep } from "./steps.js";
import type { ThresholdTerms } from "./terms.js";

/**
 * Threshold (step) pricing: the quantity falls in one band — the first whose `upTo` it does not
 * exceed — and the line costs that band's flat amount. Bands up to 10 seats $49, up to 50 $199, then
 * $499: 10 seats cost $49, 11 cost $199. Zero usage bills band 1 unless `flatFeeAtZeroUsage` is false.
 */
export function rateThreshold(terms: ThresholdTerms, quantity: Decimal): RatedAmount<ThresholdStep> {
  assertNonNegativeQuantity(quantity, "threshold");
  const reached = volumeTier(terms.bands, quantity);
  const upTo = reached.tier.upTo ?? undefined;
  const amount = quantity.isZero() && terms.flatFeeAtZeroUsage === false ? ZERO : reached.tier.amount;
  return resultOf([
    {
      amount,
      step: {
        kind: "threshold",
        band: reached.index + 1,
        from: toPlainString(reached.from),
        upTo: upTo === undefined ? null : toPlainString(upTo),
        quantity: toPlainString(quantity),
        amount: toPlainString(amount),
      },
    },
  ]);
}
