import type { Contract } from "../contracts/index.js";
import { perObject } from "../schema/index.js";
import { chargeAt } from "./termsAt.js";

/**
 * Whether charge `chargeId` is a credit charge (`"credit": true`) as in force at `instant` (the start of
 * the line's period): an amendment can add a credit charge, or make a charge a credit or stop it being
 * one, so the contract's own `charges` do not say. Every reader of a commitment's spend asks this one
 * question: the commitments stage, which leaves credit lines out of the spend, and the notes of units a
 * cumulative commitment takes off it (until 5 December 2026 those read the contract's own charges, and a
 * note against the piece of a charge an amendment made a credit took 100.00 off a spend that never
 * counted it). A charge not in force then is no credit.
 * @example
 * // `use` made a credit by an amendment effective 2026-02-15
 * isCreditChargeAt(contract, "use", Date.UTC(2026, 1, 15)) // true
 * isCreditChargeAt(contract, "use", Date.UTC(2026, 1, 1)) // false
 */
export function isCreditChargeAt(contract: Contract, chargeId: string, instant: number): boolean {
  return hasCreditCharge(contract) && chargeAt(contract, instant, chargeId)?.credit === true;
}

// Whether the contract or an amendment declares any credit charge: without one no line is a credit,
// and the terms in force need not be looked up for each line (issue 14: most contracts have none).
const hasCreditCharge = perObject((contract: Contract): boolean =>
  [...contract.charges, ...contract.amendments.flatMap((amendment) => amendment.charges)].some(
    (charge) => charge.credit === true,
  ),
);
