import type { ChargeTerms, Contract } from "../schema/index.js";
import type { Period } from "../time/index.js";

/** The charges in force at `instant`: the contract's, changed by every amendment effective by then. */
export function chargesAt(contract: Contract, instant: number): ChargeTerms[] {
  let charges = [...contract.charges];
  for (const amendment of contract.amendments) {
    if (amendment.effective > instant) break;
    charges = charges.filter((charge) => !amendment.remove.includes(charge.id));
    for (const replacement of amendment.charges) {
      const at = charges.findIndex((charge) => charge.id === replacement.id);
      if (at === -1) charges.push(replacement);
      else charges[at] = replacement;
    }
  }
  return charges;
}

/** The pieces of `period` between the amendments that take effect inside it (one piece when none does). */
export function segmentsOf(contract: Contract, period: Period): Period[] {
  const cuts = contract.amendments
    .map((amendment) => amendment.effective)
    .filter((instant) => instant > period.start && instant < period.end);
  const bounds = [period.start, ...cuts, period.end];
  return bounds.slice(0, -1).map((start, index) => ({ start, end: bounds[index + 1]! }));
}

/** A text equal for two charges exactly when their terms are the same (decimals write their value). */
export function chargeKey(charge: ChargeTerms): string {
  return JSON.stringify(charge);
}

/** Every charge the contract or its amendments define (for what the meters must compute). */
export function allCharges(contract: Contract): ChargeTerms[] {
  return [...contract.charges, ...contract.amendments.flatMap((amendment) => amendment.charges)];
}
