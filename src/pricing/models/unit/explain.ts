import type { StepContext } from "../../../schema/index.js";
import type { UnitStep } from "./steps.js";

/** "1,234,567 requests at $0.0000025 = $3.0864175." */
export function explainUnitStep(step: UnitStep, { words }: StepContext): string {
  return `${words.units(step.quantity)} at ${words.price(step.unitPrice)} = ${words.money(step.amount)}.`;
}
