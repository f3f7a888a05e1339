import type { StepContext } from "../../../schema/index.js";
import { range } from "../../tierSentences.js";
import type { TierPackageStep } from "./steps.js";

/** "Tier 1 (up to 1,000): 1,000 units in packages of 100 = 10 packages at $5.00 = $50.00." */
export function explainTieredPackageStep(step: TierPackageStep, { words }: StepContext): string {
  return `Tier ${step.tier} (${range(step, words)}): ${words.units(step.quantity)} in packages of ${words.quantity(step.packageSize)} = ${words.count(Number(step.packages), "package")} at ${words.price(step.packagePrice)} = ${words.money(step.amount)}.`;
}
