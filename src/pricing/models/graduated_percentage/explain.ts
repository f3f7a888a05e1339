import type { StepContext } from "../../../schema/index.js";
import { describeGraduatedTiers, describeTierFlatFee, type TierReading } from "../../tierSentences.js";
import type { GraduatedPercentageStep } from "./steps.js";

// A tier of amount: its part of the total is money, charged a percentage.
const PERCENT_TIERS: TierReading = {
  rate: (step, words) => words.percent(step.unitPrice),
  quantity: (step, words) => words.money(step.quantity),
  bound: (plain, words) => words.money(plain),
};

/** The tiers as one sentence ("First $10,000.00 at 2% = $200.00; remaining …"), and each flat fee. */
export function explainGraduatedPercentageStep(
  step: GraduatedPercentageStep,
  context: StepContext,
): string | undefined {
  return step.kind === "tier"
    ? describeGraduatedTiers(step, context, PERCENT_TIERS)
    : describeTierFlatFee(step, context);
}
