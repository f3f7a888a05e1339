import * as z from "zod/mini";

export const trialStepSchema = z.strictObject({
  /** The fee is free until the trial ends; the proration step that follows bills the time after it. */
  kind: z.literal("trial"),
  ends: z.string(),
});
export type TrialStep = z.output<typeof trialStepSchema>;
