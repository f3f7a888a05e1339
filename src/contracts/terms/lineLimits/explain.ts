import type { LineLimitStep, StepSentences } from "../../../schema/index.js";

/** The sentence of a line minimum, maximum or the floor at zero of a charge that is not a credit. */
export const lineLimitSentences: StepSentences<LineLimitStep> = {
  line_limit: (step, { words: { money } }) => {
    if (step.limit === "zero_floor")
      return `The charge came to ${money(step.before)}; it is not a credit, so it bills ${money(step.value)}.`;
    return step.limit === "minimum"
      ? `Raised to the line minimum of ${money(step.value)} (from ${money(step.before)}).`
      : `Capped at the line maximum of ${money(step.value)} (from ${money(step.before)}).`;
  },
};
