import type {
  ContractQuantityStep,
  StepSentences,
  TrialStep,
  UnusedTimeDiscountStep,
  UnusedTimeStep,
} from "../../../schema/index.js";

/** The sentences of fees: a quantity the contract sets (seats), a free trial, the unused time of a fee billed in advance. */
export const feeSentences: StepSentences<
  ContractQuantityStep | TrialStep | UnusedTimeStep | UnusedTimeDiscountStep
> = {
  contract_quantity: (step, { words }) =>
    `Quantity ${words.quantity(step.quantity)}, set by the contract (seats or licences), not measured.`,
  trial: (step, { words }) =>
    `Free trial until ${words.instant(step.ends)}: only the time after it is billed.`,
  unused_time: (step, { words }) =>
    `Credit for the unused time from ${words.instant(step.from)} to ${words.instant(step.to)} of the fee billed in advance: ${words.money(step.amount)}.`,
  unused_time_discount: (step, { words }) =>
    `Net of discount ${step.discount}, which took ${step.percent} %${
      step.inForce === undefined
        ? ""
        : ` × ${step.inForce.elapsed} ÷ ${step.inForce.total} (the part of its period it was in force)`
    } of the fee on the invoice that billed it: ${words.money(step.before)} less that share is ${words.money(step.amount)}.`,
};
