import type { StepContext } from "../../../schema/index.js";
import { describeGraduatedTiers, describeTierFlatFee, UNIT_TIERS } from "../../tierSentences.js";
import type { GraduatedStep } from "./steps.js";

/** The tiers as one sentence ("First 10,000 GB at $0.0800 = $800.00; next …"), and each flat fee. */
export function explainGraduatedStep(step: GraduatedStep, context: StepContext): string | undefined {
  return step.kind === "tier"
    ? describeGraduatedTiers(step, context, UNIT_TIERS)
    : describeTierFlatFee(step, context);
}
