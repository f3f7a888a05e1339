import { InputError } from "../errors/index.js";
import { type Decimal, safeParseDecimal, toFixedString, toPlainString, ZERO } from "../money/index.js";
import type { AppliedCredit, Contract, CreditGrantTerms, InvoiceLine } from "../schema/index.js";
import { formatLocalDate, toLocalDate } from "../time/index.js";
import { type Burn, burnAmount, unitMinorUnits } from "./burnAmount.js";
import { burnOrder } from "./burnOrder.js";
import type { ServicePeriod } from "./resolveServicePeriod.js";
import { netOf, spreadReduction } from "./spreadReduction.js";

/**
 * Remaining balance of each grant before this invoice, by grant id (the previous invoice's
 * `balanceAfter`): money for a grant of money, units for a grant in a custom unit.
 */
export type CreditBalances = Readonly<Record<string, string>>;

/** The grants usable on this invoice, in the contract's burn order, each with its balance before it. */
export function openGrants(contract: Contract, resolved: ServicePeriod, balances: CreditBalances) {
  const start = formatLocalDate(toLocalDate(resolved.service.start, contract.timeZone));
  return burnOrder(contract.credits, contract.creditBurnOrder)
    .filter(
      (grant) =>
        (grant.effective === undefined || start >= grant.effective) &&
        (grant.expires === undefined || start < grant.expires),
    )
    .map((grant) => ({ grant, balance: balanceOf(contract, grant, balances) }));
}

function balanceOf(contract: Contract, grant: CreditGrantTerms, balances: CreditBalances): Decimal {
  // A recurring credit (a monthly compute credit) starts full every period: nothing carries.
  if (grant.recurring === true) return grant.amount;
  const carried = balances[grant.id];
  if (carried === undefined) return grant.amount;
  const parsed = safeParseDecimal(carried);
  const unit = grant.unit === undefined ? "" : ` ${grant.unit}`;
  if (!parsed.success || parsed.data.isNegative() || parsed.data.greaterThan(grant.amount)) {
    throw new InputError(
      "invalid_field",
      grant.id,
      `The carried balance of credit "${grant.id}" must be a decimal between 0 and its amount ${grant.amount.toFixed()}${unit}, not "${carried}".`,
    );
  }
  // A balance is whole minor units of its unit (the invoice currency for a grant of money), so a burn
  // can never take it below zero and the invoice shows it as it is.
  const minor =
    grant.unit === undefined ? contract.currency.minorUnits : unitMinorUnits(grant, contract.customUnits);
  if (parsed.data.decimalPlaces() > minor) {
    throw new InputError(
      "amount_not_in_minor_units",
      grant.id,
      `The carried balance of credit "${grant.id}" is "${carried}"${unit || ` ${contract.currency.code}`}, but ${grant.unit ?? contract.currency.code} has ${minor} decimals.`,
    );
  }
  return parsed.data;
}

/**
 * Step 8: credits that reduce the taxed amount (promotional, prepaid taxed at purchase), in burn
 * order, each applied to the net of its lines up to what its balance is worth and spread by largest
 * remainder.
 */
export function applyCreditsBeforeTax(
  contract: Contract,
  lines: ReadonlyArray<InvoiceLine>,
  grants: ReadonlyArray<{ grant: CreditGrantTerms; balance: Decimal }>,
): { lines: InvoiceLine[]; applied: AppliedCredit[] } {
  let current = [...lines];
  const applied: AppliedCredit[] = [];
  for (const { grant, balance } of grants) {
    if (grant.taxed === "at_use") continue;
    const eligible = current.filter(
      (line) =>
        (grant.charges === undefined || grant.charges.includes(line.chargeId)) && netOf(line).greaterThan(0),
    );
    const base = eligible.reduce((sum, line) => sum.plus(netOf(line)), ZERO);
    const burn = burnAmount(grant, balance, base, contract.currency, contract.customUnits);
    const spread = spreadReduction(current, eligible, burn.money, contract.currency, "credit", grant.id);
    current = spread.lines;
    applied.push({
      ...appliedEntry(contract, grant, "before_tax", balance, burn),
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
  let due = total.isNegative() ? ZERO : total;
  const applied: AppliedCredit[] = [];
  for (const { grant, balance } of grants) {
    if (grant.taxed !== "at_use") continue;
    const burn = burnAmount(grant, balance, due, contract.currency, contract.customUnits);
    due = due.minus(burn.money);
    applied.push(appliedEntry(contract, grant, "after_tax", balance, burn));
  }
  return { amountDue: due, applied };
}

// The invoice entry of one burn. A grant of money keeps its balances in the invoice currency; a grant
// in a custom unit keeps them in that unit, and says which and how many units paid `applied`.
function appliedEntry(
  contract: Contract,
  grant: CreditGrantTerms,
  stage: AppliedCredit["stage"],
  balance: Decimal,
  burn: Burn,
): AppliedCredit {
  const minor = contract.currency.minorUnits;
  const common = { id: grant.id, name: grant.name, stage };
  if (grant.unit === undefined || grant.unitValue === undefined)
    return {
      ...common,
      balanceBefore: toFixedString(balance, minor),
      applied: toFixedString(burn.money.negated(), minor),
      balanceAfter: toFixedString(balance.minus(burn.units), minor),
    };
  const unitMinor = unitMinorUnits(grant, contract.customUnits);
  return {
    ...common,
    unit: grant.unit,
    unitValue: toPlainString(grant.unitValue),
    balanceBefore: toFixedString(balance, unitMinor),
    applied: toFixedString(burn.money.negated(), minor),
    unitsUsed: toFixedString(burn.units, unitMinor),
    balanceAfter: toFixedString(balance.minus(burn.units), unitMinor),
  };
}
