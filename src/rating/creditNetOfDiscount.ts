import { type Decimal, exactProduct, toPlainString } from "../money/index.js";
import type { UnusedTimeDiscountStep } from "../schema/index.js";
import { applyRatio, type ProrationRatio } from "../time/index.js";

/**
 * A percentage discount that took its share of a fee billed in advance, on the invoice that billed it:
 * what `"creditBasis": "net_of_discount"` takes off the credit for the fee's unused time.
 */
export interface BilledFeeDiscount {
  readonly id: string;
  readonly percent: Decimal;
  /** The share of the billing invoice's period the discount was in force; undefined when all of it. */
  readonly inForce: ProrationRatio | undefined;
}

/**
 * The credit for unused time net of the discounts the billed fee had (Stripe's flexible billing mode
 * credits "the original amount previously debited"): each discount, in the order the invoice applied
 * them, takes `percent ÷ 100` (× its share in force) of what is left, as percentages compound on an
 * invoice. Exact: the line is rounded once, after. One step per discount.
 * @example creditNetOfDiscount(new Decimal("-15"), [{ id: "d", percent: new Decimal(20), inForce: undefined }]).amount // -12
 */
export function creditNetOfDiscount(
  credit: Decimal,
  discounts: ReadonlyArray<BilledFeeDiscount>,
): { readonly amount: Decimal; readonly steps: ReadonlyArray<UnusedTimeDiscountStep> } {
  let amount = credit;
  const steps: UnusedTimeDiscountStep[] = [];
  for (const discount of discounts) {
    const whole = exactProduct(amount, discount.percent);
    const share = (discount.inForce === undefined ? whole : applyRatio(whole, discount.inForce)).div(100);
    const net = amount.minus(share);
    steps.push({
      kind: "unused_time_discount",
      discount: discount.id,
      percent: toPlainString(discount.percent),
      ...(discount.inForce === undefined
        ? {}
        : {
            inForce: {
              elapsed: toPlainString(discount.inForce.elapsed),
              total: toPlainString(discount.inForce.total),
            },
          }),
      before: toPlainString(amount),
      amount: toPlainString(net),
    });
    amount = net;
  }
  return { amount, steps };
}
