import { InputError } from "../errors/index.js";
import { type Decimal, safeParseDecimal, toFixedString, ZERO } from "../money/index.js";
import type { AppliedCredit, Contract, CreditGrantTerms, InvoiceLine } from "../schema/index.js";
import { formatLocalDate, toLocalDate } from "../time/index.js";
import type { ServicePeriod } from "./resolveServicePeriod.js";
import { netOf, spreadReduction } from "./spreadReduction.js";

/** Remaining balance of each grant before this invoice, by grant id (the previous invoice's `balanceAfter`). */
export type CreditBalances = Readonly<Record<string, string>>;

/**
 * The order grants burn in: priority (lower first), then the soonest expiry (a grant that never
 * expires last), then the oldest (earliest effective date; none counts as oldest), then id.
 */
export function burnOrder(grants: ReadonlyArray<CreditGrantTerms>): CreditGrantTerms[] {
  const expiry = (grant: CreditGrantTerms) => grant.expires ?? "9999-12-31";
  const effective = (grant: CreditGrantTerms) => grant.effective ?? "0000-01-01";
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...grants].sort(
    (a, b) =>
      (a.priority ?? 0) - (b.priority ?? 0) ||
      compare(expiry(a), expiry(b)) ||
      compare(effective(a), effective(b)) ||
      compare(a.id, b.id),
  );
}

/** The grants usable on this invoice, each with its balance before it. */
export function openGrants(contract: Contract, resolved: ServicePeriod, balances: CreditBalances) {
  const start = formatLocalDate(toLocalDate(resolved.service.start, contract.timeZone));
  return burnOrder(contract.credits)
    .filter(
      (grant) =>
        (grant.effective === undefined || start >= grant.effective) &&
        (grant.expires === undefined || start < grant.expires),
    )
    .map((grant) => ({ grant, balance: balanceOf(grant, balances) }));
}

function balanceOf(grant: CreditGrantTerms, balances: CreditBalances): Decimal {
  // A recurring credit (a monthly compute credit) starts full every period: nothing carries.
  if (grant.recurring === true) return grant.amount;
  const carried = balances[grant.id];
  if (carried === undefined) return grant.amount;
  const parsed = safeParseDecimal(carried);
  if (!parsed.success || parsed.data.isNegative() || parsed.data.greaterThan(grant.amount)) {
    throw new InputError(
      "invalid_field",
      grant.id,
      `The carried balance of credit "${grant.id}" must be a decimal between 0 and its amount ${grant.amount.toFixed()}, not "${carried}".`,
    );
  }
  return parsed.data;
}

/**
 * Step 8: credits that reduce the taxed amount (promotional, prepaid taxed at purchase), in burn
 * order, each applied to the net of its lines up to its balance and spread by largest remainder.
 */
export function applyCreditsBeforeTax(
  contract: Contract,
  lines: ReadonlyArray<InvoiceLine>,
  grants: ReadonlyArray<{ grant: CreditGrantTerms; balance: Decimal }>,
): { lines: InvoiceLine[]; applied: AppliedCredit[] } {
  const minor = contract.currency.minorUnits;
  let current = [...lines];
  const applied: AppliedCredit[] = [];
  for (const { grant, balance } of grants) {
    if (grant.taxed === "at_use") continue;
    const eligible = current.filter(
      (line) =>
        (grant.charges === undefined || grant.charges.includes(line.chargeId)) && netOf(line).greaterThan(0),
    );
    const base = eligible.reduce((sum, line) => sum.plus(netOf(line)), ZERO);
    const used = balance.lessThan(base) ? balance : base;
    const spread = spreadReduction(current, eligible, used, contract.currency, "credit", grant.id);
    current = spread.lines;
    applied.push({
      id: grant.id,
      name: grant.name,
      stage: "before_tax",
      balanceBefore: toFixedString(balance, minor),
      applied: toFixedString(used.negated(), minor),
      balanceAfter: toFixedString(balance.minus(used), minor),
      allocation: spread.allocation,
    });
  }
  return { lines: current, applied };
}

/** Step 11: credits that pay the invoice after tax (prepaid, taxed at use), in burn order. */
export function applyCreditsAfterTax(
  contract: Contract,
  total: Decimal,
  grants: ReadonlyArray<{ grant: CreditGrantTerms; balance: Decimal }>,
): { amountDue: Decimal; applied: AppliedCredit[] } {
  const minor = contract.currency.minorUnits;
  let due = total.isNegative() ? ZERO : total;
  const applied: AppliedCredit[] = [];
  for (const { grant, balance } of grants) {
    if (grant.taxed !== "at_use") continue;
    const used = balance.lessThan(due) ? balance : due;
    due = due.minus(used);
    applied.push({
      id: grant.id,
      name: grant.name,
      stage: "after_tax",
      balanceBefore: toFixedString(balance, minor),
      applied: toFixedString(used.negated(), minor),
      balanceAfter: toFixedString(balance.minus(used), minor),
    });
  }
  return { amountDue: due, applied };
}
