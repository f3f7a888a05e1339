import type { Contract } from "../contracts/index.js";
import { type Decimal, roundReduction, roundTo } from "../money/index.js";
import { applyRatio, type ProrationRatio } from "../time/index.js";

/**
 * An amount the contract states per billing period (a minimum, a maximum, a fixed discount) for the
 * share `ratio` of the period (all of it when undefined), rounded once to minor units with the
 * contract's mode (docs/contracts.md, "Proration of minimums, commitments and fixed amounts"). A
 * fixed discount (`taken`) is rounded as the negative figure it is on the invoice (roundReduction).
 */
export function perBillingPeriod(
  amount: Decimal,
  ratio: ProrationRatio | undefined,
  contract: Contract,
  taken = false,
): Decimal {
  const exact = ratio === undefined ? amount : applyRatio(amount, ratio);
  return (taken ? roundReduction : roundTo)(exact, contract.currency.minorUnits, contract.rounding);
}
