import type { WindowPricingTerms } from "../contracts/index.js";
import type { Decimal } from "../money/index.js";
import { scaleMoney } from "./scaleMoney.js";

/**
 * A charge's window pricing with its money multiplied, as a multiplier override multiplies the
 * charge's price: each time-of-day bucket's own price and committed amount. A committed quantity stays
 * (it is priced with the bucket's multiplied price) and so does the overage factor (a rate). Peak
 * windows at 0.10 a unit held to 5.00 each, × 0.5: 0.05 a unit held to 2.50.
 */
export function scaleWindowMoney(windows: WindowPricingTerms, multiplier: Decimal): WindowPricingTerms {
  if (windows.buckets === undefined) return windows;
  return {
    ...windows,
    buckets: windows.buckets.map((bucket) => {
      const amount = bucket.commitment?.amount;
      return {
        ...bucket,
        ...(bucket.price === undefined ? {} : { price: scaleMoney(bucket.price, multiplier) }),
        ...(amount === undefined
          ? {}
          : { commitment: { ...bucket.commitment, amount: amount.times(multiplier) } }),
      };
    }),
  };
}
