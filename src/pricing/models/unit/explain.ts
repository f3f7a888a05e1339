import { type StepContext, scaledCount } from "../../../schema/index.js";
import type { UnitStep } from "./steps.js";

/**
 * "1,234,567 requests at $0.0000025 = $3.0864175.", or with a quoted price as the price list writes it,
 * "2,000,000 requests at $0.30 per 1M requests = $0.60."
 */
export function explainUnitStep(step: UnitStep, { words }: StepContext): string {
  const price =
    step.quotedPrice === undefined || step.per === undefined
      ? words.price(step.unitPrice)
      : `${words.money(step.quotedPrice)} per ${unitsAsListed(step.per, words)}`;
  return `${words.units(step.quantity)} at ${price} = ${words.money(step.amount)}.`;
}

// "1M requests": the line's unit after the count, the count shortened as price lists write it.
function unitsAsListed(per: string, words: StepContext["words"]): string {
  const full = words.units(per);
  const short = scaledCount(per);
  return short === undefined ? full : `${short}${full.slice(words.quantity(per).length)}`;
}
