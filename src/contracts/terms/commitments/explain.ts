import type { CommitmentOverageStep, CommitmentTrueUpStep, StepSentences } from "../../../schema/index.js";

/** The sentences of a commitment's own lines: the overage above its minimum and the true-up to it. */
export const commitmentSentences: StepSentences<CommitmentOverageStep | CommitmentTrueUpStep> = {
  commitment_overage: (step, { words: { money, quantity } }) =>
    `Spend of ${money(step.spend)} is ${money(step.excess)} above the committed minimum of ${money(step.minimum)}; the excess is billed at ${quantity(step.factor)} times its price, so the overage is ${money(step.excess)} × (${quantity(step.factor)} − 1) = ${money(step.amount)}.`,
  commitment_true_up: (step, { words: { money } }) =>
    `The committed minimum for the period is ${money(step.minimum)}; spend came to ${money(step.spend)}, so the shortfall of ${money(step.amount)} is billed.`,
};
