import type { StepContext } from "../../../schema/index.js";
import { range } from "../../tierSentences.js";
import type { ThresholdStep } from "./steps.js";

/** "Band 2 (over 10 up to 50) applies to 11 seats: $199.00." */
export function explainThresholdStep(step: ThresholdStep, { words }: StepContext): string {
  return `Band ${step.band} (${range(step, words)}) applies to ${words.units(step.quantity)}: ${words.money(step.amount)}.`;
}
