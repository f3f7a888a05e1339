import { toFixedString, ZERO } from "../money/index.js";
import type { AppliedAllowance, AppliedCommitment, AppliedCredit, AppliedDiscount } from "../schema/index.js";

// A record only earlier invoices have, as the cumulative invoice would state it with nothing rated
// now: the last earlier record's terms (id, name, percent, minimum, unit value, balance after) and no
// flows, which `combine` then works out as 0 − what earlier invoices had. Only the flows are dropped:
// an id or a term that reads like a number ("2026", "10") is kept as written.
export const poolWithNothingDrawn = (last: AppliedAllowance): AppliedAllowance => ({ ...last, drawn: [] });

export function discountWithNothingNow(minor: number) {
  const zero = toFixedString(ZERO, minor);
  return (last: AppliedDiscount): AppliedDiscount => ({ ...last, base: zero, amount: zero, allocation: [] });
}

export function commitmentWithNothingNow(minor: number) {
  return (last: AppliedCommitment): AppliedCommitment => {
    const { trueUp: _trueUp, overage: _overage, cap: _cap, allocation: _allocation, ...terms } = last;
    return { ...terms, spend: toFixedString(ZERO, minor) };
  };
}

export function creditWithNothingNow(minor: number) {
  return (last: AppliedCredit): AppliedCredit => {
    const { unitsUsed: _unitsUsed, allocation: _allocation, ...terms } = last;
    return { ...terms, applied: toFixedString(ZERO, minor) };
  };
}
