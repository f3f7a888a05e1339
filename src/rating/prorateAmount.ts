import {
  type Decimal,
  type ExactQuotient,
  quotientValue,
  scaleQuotient,
  toPlainString,
} from "../money/index.js";
import type { ProrationStep } from "../schema/index.js";
import { applyRatio, type ProrationRatio, ratioText } from "../time/index.js";

/**
 * A line's amount for its share of a period, and the `proration` step that shows it: a fee for part of
 * its billing period, or a level priced for one piece of an amended period (its share of the invoice's
 * service period). The product is exact and divided once; an amount that is a fraction (priced from a
 * quantity that need not end) is prorated as one, n × elapsed ÷ (d × total).
 * @example prorateAmount(200, undefined, 15 of 31 days) // 96.774193548…, step "15 of 31 days"
 */
export function prorateAmount(
  exact: Decimal,
  exactAmount: ExactQuotient | undefined,
  ratio: ProrationRatio,
): { readonly amount: Decimal; readonly step: ProrationStep } {
  const amount =
    exactAmount === undefined
      ? applyRatio(exact, ratio)
      : quotientValue(scaleQuotient(exactAmount, ratio.elapsed, ratio.total));
  return {
    amount,
    step: {
      kind: "proration",
      ...ratioText(ratio),
      before: toPlainString(exact),
      amount: toPlainString(amount),
    },
  };
}
