import type { StepContext } from "../../../schema/index.js";
import type { FlatStep } from "./steps.js";

/** "Flat fee $500.00." */
export function explainFlatStep(step: FlatStep, { words }: StepContext): string {
  return `Flat fee ${words.money(step.amount)}.`;
}
