import type { StepContext } from "../../../schema/index.js";
import { describeReachedTier, describeTierFlatFee, UNIT_TIERS } from "../../tierSentences.js";
import type { VolumeStep } from "./steps.js";

/** The tier the total reached ("All 1,500 GB at the tier 2 price (over 1,000) of $0.0200 = $30.00."), and its flat fee. */
export function explainVolumeStep(step: VolumeStep, context: StepContext): string | undefined {
  return step.kind === "tier"
    ? describeReachedTier(step, context, UNIT_TIERS)
    : describeTierFlatFee(step, context);
}
