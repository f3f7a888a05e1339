import type { OverrideStep, StepSentences } from "../../../schema/index.js";

/** The sentence of an override that changed the price a line is rated with. */
export const overrideSentences: StepSentences<OverrideStep> = {
  override: (step, { words }) => {
    const scope = step.where === undefined ? "" : ` for ${words.group(step.where)}`;
    return step.multiplier !== undefined
      ? `Price changed by override ${step.override}${scope}: every price and fee × ${words.quantity(step.multiplier)}.`
      : `Price replaced by override ${step.override}${scope}.`;
  },
};
