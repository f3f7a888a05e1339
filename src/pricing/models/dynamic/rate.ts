import { type Decimal, type ExactQuotient, ONE, toPlainString } from "../../../money/index.js";
import { fractionAtPrice } from "../../fractionPricing.js";
import { resultOf } from "../../pricedSteps.js";
import type { FractionAmount, RatedAmount } from "../../priceModel.js";
import type { DynamicStep } from "./steps.js";
import type { DynamicTerms } from "./terms.js";

/**
 * Dynamic pricing: every event carries its own amount, which the meter sums; the line is that sum
 * times the multiplier (default 1). Three AI calls costing $0.70, $0.55 and $2.20 with a 1.2 markup:
 * 3.45 × 1.2 = $4.14.
 */
export function rateDynamic(terms: DynamicTerms, eventAmounts: Decimal): RatedAmount<DynamicStep> {
  const multiplier = terms.multiplier ?? ONE;
  const amount = eventAmounts.times(multiplier);
  return resultOf([
    {
      amount,
      step: {
        kind: "dynamic",
        eventAmounts: toPlainString(eventAmounts),
        multiplier: toPlainString(multiplier),
        amount: toPlainString(amount),
      },
    },
  ]);
}

/**
 * {@link rateDynamic} of a meter total that is the fraction n ÷ d (the events' average amount): n ×
 * multiplier ÷ d, divided once.
 */
export function rateDynamicFraction(
  terms: DynamicTerms,
  eventAmounts: Decimal,
  fraction: ExactQuotient,
): FractionAmount<DynamicStep> {
  return fractionAtPrice(
    fraction,
    terms.multiplier ?? ONE,
    rateDynamic(terms, eventAmounts).steps,
    "eventAmounts",
  );
}
