import type { Invoice } from "../../invoice/index.js";
import { Decimal, toPlainString } from "../../money/index.js";

type InvoiceDiscount = NonNullable<Invoice["discounts"]>[number];

/**
 * A percentage discount's exact figure before rounding, as the discount row's formula computes it:
 * its base (or, on the days it covers, what they billed) × percent ÷ 100, × elapsed ÷ total where it is
 * in force for part of the period. Undefined terms read as none; a fixed amount's figure is its amount.
 * @example exactDiscount({ percent: "99.99", base: "150592918853.46", … }, undefined) // "150577859561.574654"
 */
export function exactDiscount(discount: InvoiceDiscount, covered: string | undefined): string {
  if (discount.percent === undefined) return discount.amount;
  const taken = new Decimal(covered ?? discount.base).times(discount.percent).div(100);
  const inForce = discount.inForce;
  const share =
    inForce === undefined || covered !== undefined ? taken : taken.times(inForce.elapsed).div(inForce.total);
  return toPlainString(share);
}
