import type { StepContext } from "../../../schema/index.js";
import type { CapacityStep } from "./steps.js";

/** "Capacity tier 2, the lowest whose limits hold (storage 120 ≤ 1,000, requests 500,000 ≤ 10,000,000): $150.00." */
export function explainCapacityStep(step: CapacityStep, { words }: StepContext): string {
  const limits = step.limits.map(
    (limit) => `${limit.meter} ${words.quantity(limit.quantity)} ≤ ${words.quantity(limit.max)}`,
  );
  return `Capacity tier ${step.tier}, the lowest whose limits hold${limits.length > 0 ? ` (${limits.join(", ")})` : ""}: ${words.money(step.amount)}.`;
}
