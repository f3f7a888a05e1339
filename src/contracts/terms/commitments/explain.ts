import type { CommitmentOverageStep, CommitmentTrueUpStep, StepSentences } from "../../../schema/index.js";

/**
 * The sentences of a commitment's own lines: the overage above its minimum and the true-up to it. A
 * step with `spendBefore` is a cumulative commitment's: its minimum is owed once over several invoices.
 */
export const commitmentSentences: StepSentences<CommitmentOverageStep | CommitmentTrueUpStep> = {
  // The factor is a term of the contract, written as the contract writes it ("1.0001"): `quantity` rounds
  // for reading in the Markdown and HTML explanations ("≈ 1.000"), and "(≈ 1.000 − 1)" cannot be redone.
  commitment_overage: (step, { words: { money } }) =>
    step.spendBefore === undefined
      ? `Spend of ${money(step.spend)} is ${money(step.excess)} above the committed minimum of ${money(step.minimum)}; the excess is billed at ${step.factor} times its price, so the overage is ${money(step.excess)} × (${step.factor} − 1) = ${money(step.amount)}.`
      : `The commitment of ${money(step.minimum)} is owed over several invoices: the earlier ones spent ${money(step.spendBefore)}, and ${money(step.excess)} of this invoice's ${money(step.spend)} lies beyond the commitment; that excess is billed at ${step.factor} times its price, so the overage is ${money(step.excess)} × (${step.factor} − 1) = ${money(step.amount)}.`,
  commitment_true_up: (step, { words: { money } }) =>
    step.spendBefore === undefined
      ? `The committed minimum for the period is ${money(step.minimum)}; spend came to ${money(step.spend)}, so the shortfall of ${money(step.amount)} is billed.`
      : `This invoice closes the commitment of ${money(step.minimum)}, owed over several invoices: the earlier ones spent ${money(step.spendBefore)} and this one ${money(step.spend)}, so the shortfall of ${money(step.amount)} is billed.`,
};
