import { Decimal } from "../../../money/index.js";
import type { AllowanceStep, StepSentences } from "../../../schema/index.js";

/**
 * The sentence of a line's draw from its allowance pool, named as the contract names it (its id when
 * the line is explained without its invoice), as plain as the draw was: a pool with nothing
 * left says so ("Shared allowance Team minutes had nothing left: 248 minutes billable.", not "0 minutes
 * of the 0 minutes left"), a line that takes all that was left says "all it had left", and a part of
 * what was left reads "300 GB of the 500 GB left"; a draw that leaves 0 to bill, "nothing billable".
 */
export const allowanceSentences: StepSentences<AllowanceStep> = {
  allowance: (step, { words: { units }, poolName }) => {
    // The pool as the contract names it ("Always Free data transfer out (1 TB)"), as its own sentence does.
    const pool = poolName?.(step.pool) ?? step.pool;
    // Nothing billable after the draw reads so, as a balance drawn to the end reads "nothing left".
    const billable = new Decimal(step.quantity).isZero()
      ? "nothing billable"
      : `${units(step.quantity)} billable`;
    const available = new Decimal(step.available);
    if (available.isZero()) return `Shared allowance ${pool} had nothing left: ${billable}.`;
    const drawn = available.equals(step.drawn)
      ? `${units(step.drawn)}, all it had left`
      : `${units(step.drawn)} of the ${units(step.available)} left`;
    return `Drawn from shared allowance ${pool}: ${drawn}; ${billable}.`;
  },
};
