import type { Contract } from "../../contracts/index.js";
import type { Period } from "../../time/index.js";

/**
 * The part of `period` after the contract's free trial: the time a fee accrued in it. Undefined when
 * the trial covers all of it. A March fee with a trial until 15 March accrued from 15 March to 1 April;
 * a discount's covered days and a `net_of_discount` credit are counted on that time only.
 */
export function afterTrial(contract: Contract, period: Period): Period | undefined {
  const start = Math.max(period.start, contract.trialEnd ?? period.start);
  return start < period.end ? { start, end: period.end } : undefined;
}
