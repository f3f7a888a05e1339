import type { AllowanceStep, StepSentences } from "../../../schema/index.js";

/** The sentence of a line's draw from its allowance pool. */
export const allowanceSentences: StepSentences<AllowanceStep> = {
  allowance: (step, { words: { units } }) =>
    `Drawn from shared allowance ${step.pool}: ${units(step.drawn)} of the ${units(step.available)} left; ${units(step.quantity)} billable.`,
};
