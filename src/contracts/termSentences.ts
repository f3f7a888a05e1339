import type {
  AllowanceStep,
  CommitmentOverageStep,
  CommitmentTrueUpStep,
  ContractQuantityStep,
  LineLimitStep,
  OverrideStep,
  StepSentences,
  TrialStep,
  UnusedTimeDiscountStep,
  UnusedTimeStep,
} from "../schema/index.js";
import { allowanceSentences } from "./terms/allowances/explain.js";
import { commitmentSentences } from "./terms/commitments/explain.js";
import { feeSentences } from "./terms/fees/explain.js";
import { lineLimitSentences } from "./terms/lineLimits/explain.js";
import { overrideSentences } from "./terms/overrides/explain.js";

/** A step a contract term writes on a line; its sentence is in the term's folder (`terms/<term>/explain.ts`). */
export type TermLineStep =
  | OverrideStep
  | AllowanceStep
  | CommitmentTrueUpStep
  | CommitmentOverageStep
  | ContractQuantityStep
  | TrialStep
  | UnusedTimeStep
  | UnusedTimeDiscountStep
  | LineLimitStep;

/** The sentence of every step kind a contract term writes, by kind, one entry per term folder. */
export const TERM_STEP_SENTENCES: StepSentences<TermLineStep> = {
  ...overrideSentences,
  ...allowanceSentences,
  ...feeSentences,
  ...lineLimitSentences,
  ...commitmentSentences,
};
