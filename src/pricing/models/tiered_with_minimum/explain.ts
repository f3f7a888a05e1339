import type { StepContext } from "../../../schema/index.js";
import { describeGraduatedTiers, UNIT_TIERS } from "../../tierSentences.js";
import type { TieredWithMinimumStep } from "./steps.js";

/** The tiers as one sentence, and the top-up to the reached tier's minimum. */
export function explainTieredWithMinimumStep(
  step: TieredWithMinimumStep,
  context: StepContext,
): string | undefined {
  if (step.kind === "tier") return describeGraduatedTiers(step, context, UNIT_TIERS);
  const { money } = context.words;
  return `The tiers come to ${money(step.before)}, below tier ${step.tier}'s minimum of ${money(step.minimum)}: plus ${money(step.amount)}.`;
}
