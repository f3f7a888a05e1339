import type { StepContext } from "../../../schema/index.js";
import type { DynamicStep } from "./steps.js";

/** "Event amounts $3.45 × 1.2 = $4.14." */
export function explainDynamicStep(step: DynamicStep, { words }: StepContext): string {
  return `Event amounts ${words.money(step.eventAmounts)} × ${words.quantity(step.multiplier)} = ${words.money(step.amount)}.`;
}
