import type { Contract } from "../contracts/index.js";
import { type Period, type ProrationRatio, prorationRatio } from "../time/index.js";
import { contractRatio } from "./contractRatio.js";

/**
 * The share of the invoice's service period that a piece of it (or a run of pieces) covers, by the
 * contract's proration basis: what a level meter's price is scaled by when amendments or overrides cut
 * the period (docs/contracts.md, step 0). Measured against the service period, not the billing period
 * or a calendar month, so consecutive pieces' shares add up to exactly 1 and a partial first or last
 * period bills a level as it would without the cut. A service period inside one local day (0 days by
 * the `day` basis) is measured in seconds.
 * @example 17–31 March of March, by day: 15 of 31 days
 */
export function levelShare(part: Period, service: Period, contract: Contract): ProrationRatio {
  const ratio = contractRatio(part, service, contract);
  return ratio.total.isZero() ? prorationRatio(part, service, "second", contract.timeZone) : ratio;
}
