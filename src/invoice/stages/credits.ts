import type { Contract, CreditGrantTerms } from "../../contracts/index.js";
import { InputError, invoiceMessages, toJsonPath } from "../../errors/index.js";
import {
  addExactly,
  Decimal,
  roundTo,
  safeParseDecimal,
  toFixedString,
  toPlainString,
  ZERO,
} from "../../money/index.js";
import type { AppliedCredit } from "../../schema/index.js";
import { formatLocalDate, periodOf, toLocalDate } from "../../time/index.js";
import { type Burn, burnAmount, unitMinorUnits } from "../burnAmount.js";
import { burnOrder } from "../burnOrder.js";
import { chargeScope } from "../chargeScope.js";
import type { InvoiceDraft } from "../draft.js";
import type { InvoiceLine } from "../invoiceSchema.js";
import type { ServicePeriod } from "../resolveServicePeriod.js";
import { netOf, spreadReduction } from "../spreadReduction.js";
import { taxStage } from "./tax.js";
import { totalRoundingStage } from "./totalRounding.js";

/**
 * Remaining balance of each grant before this invoice, by grant id (the previous invoice's
 * `balanceAfter`): money for a grant of money, units for a grant in a custom unit.
 */
export type CreditBalances = Readonly<Record<string, string>>;

/**
 * The grants usable on this invoice, in the contract's burn order, each with its balance before it.
 * Every id in `balances` must name a grant of the contract. A grant that started before this invoice's
 * period (so an earlier invoice may have burned it) needs its carried balance, unless `startFull` says
 * that every grant without one starts from its full amount: a forgotten balance must not hand the
 * customer the whole grant again.
 * @throws InputError `unknown_credit_grant`, `missing_credit_balance`, `invalid_field`
 */
export function openGrants(
  contract: Contract,
  resolved: ServicePeriod,
  balances: CreditBalances,
  { startFull = false, restored = {} }: Pick<CarriedCredits, "startFull" | "restored"> = {},
) {
  checkBalanceIds(contract, balances);
  // Most contracts have no grants: then there is nothing to open, and no time-zone work to do.
  if (contract.credits.length === 0) return [];
  const localDate = (instant: number) => formatLocalDate(toLocalDate(instant, contract.timeZone));
  const start = localDate(resolved.service.start);
  const termStart = localDate(contract.term.start);
  const earlierStart = localDate(earlierInvoiceStart(contract, resolved));
  return burnOrder(contract.credits, contract.creditBurnOrder)
    .filter(
      (grant) =>
        (grant.effective === undefined || start >= grant.effective) &&
        (grant.expires === undefined || start < grant.expires),
    )
    .map((grant) => {
      // No invoice of the contract can come before its term: a grant effective earlier starts with it.
      const grantStart =
        grant.effective === undefined || grant.effective < termStart ? termStart : grant.effective;
      // An earlier invoice burned the grant only if it started inside the grant's window (docs/contracts.md,
      // step 8: a grant applies to the invoices that start inside it); one that opened after the start of
      // the invoice before this one was never offered, so it starts full.
      const burnedBefore = grantStart < start && grantStart <= earlierStart && earlierStart < start;
      if (
        !startFull &&
        grant.recurring !== true &&
        burnedBefore &&
        ownEntry(balances, grant.id) === undefined
      )
        throw missingBalance(contract, grant, grantStart, start);
      const back = ownEntry(restored, grant.id);
      const balance = balanceOf(contract, grant, balances);
      return { grant, balance: back === undefined ? balance : addExactly(balance, back) };
    });
}

// The latest start an invoice before this one can have: the start of this billing period when the
// invoice covers only its later part, else the start of the billing period before it, and never before
// the term (the first invoice starts with the term).
function earlierInvoiceStart(contract: Contract, resolved: ServicePeriod): number {
  const { service, billingPeriod } = resolved;
  const previous =
    service.start > billingPeriod.start
      ? billingPeriod.start
      : periodOf(contract.cycle, service.start - 1).start;
  return Math.max(previous, contract.term.start);
}

// A grant's entry in balances by grant id, its own only: a grant may be named "constructor" or "toString",
// which a plain object's prototype answers with a function (read as a carried balance, or added to one).
function ownEntry(balances: CreditBalances, id: string): string | undefined {
  return Object.hasOwn(balances, id) ? balances[id] : undefined;
}

// Where the balances sit in the arguments of every rating entry point: their errors are addressed from there.
const BALANCES = ["options", "creditBalances"] as const;

function checkBalanceIds(contract: Contract, balances: CreditBalances): void {
  for (const id of Object.keys(balances)) {
    if (contract.credits.some((grant) => grant.id === id)) continue;
    const known = contract.credits.map((grant) => `"${grant.id}"`).join(", ");
    throw InputError.from(
      invoiceMessages.unknownCarriedGrant(id, contract.id, known),
      toJsonPath([...BALANCES, id]),
    );
  }
}

// The grant is addressed where the contract defines it (`credits[2]`): the balance it lacks is missing
// from the carried balances, so there is no path into them to give.
function missingBalance(
  contract: Contract,
  grant: CreditGrantTerms,
  grantStart: string,
  start: string,
): InputError {
  return InputError.from(
    invoiceMessages.missingCreditBalance(grant.id, grantStart, start),
    toJsonPath(["credits", contract.credits.indexOf(grant)]),
  );
}

function balanceOf(contract: Contract, grant: CreditGrantTerms, balances: CreditBalances): Decimal {
  // A recurring credit (a monthly compute credit) starts full every period: nothing carries.
  if (grant.recurring === true) return grant.amount;
  const carried = ownEntry(balances, grant.id);
  if (carried === undefined) return grant.amount;
  const parsed = safeParseDecimal(carried);
  const unit = grant.unit === undefined ? "" : ` ${grant.unit}`;
  if (!parsed.success || parsed.data.isNegative() || parsed.data.greaterThan(grant.amount)) {
    throw InputError.from(
      invoiceMessages.carriedBalanceOutOfRange(grant.id, grant.amount.toFixed(), unit, carried),
      toJsonPath([...BALANCES, grant.id]),
    );
  }
  // A balance is whole minor units of its unit (or of the currency, for a grant of money), so a burn
  // can never take it below zero and the money it pays can be split over lines to the minor unit.
  const minorUnits =
    grant.unit === undefined ? contract.currency.minorUnits : unitMinorUnits(grant, contract.customUnits);
  if (parsed.data.decimalPlaces() > minorUnits) {
    const finer = invoiceMessages.carriedBalanceNotInMinorUnits(
      grant.id,
      carried,
      unit || ` ${contract.currency.code}`,
      grant.unit ?? contract.currency.code,
      minorUnits,
    );
    throw InputError.from(finer, toJsonPath([...BALANCES, grant.id]));
  }
  return parsed.data;
}

/**
 * What the invoice's total after tax would be with these lines (steps 9–10½), for a grant before tax to
 * stop at zero. Given only when tax can move the total away from the nets' sum (exclusive tax).
 */
export type TotalAfterTax = (lines: ReadonlyArray<InvoiceLine>) => Decimal;

/**
 * Step 8: credits that reduce the taxed amount (promotional, prepaid taxed at purchase), in burn
 * order, each applied to the net of its lines up to what its balance is worth, never past the
 * invoice's net above zero nor so far that its total after tax falls below zero, and spread by largest
 * remainder.
 */
export function applyCreditsBeforeTax(
  contract: Contract,
  lines: ReadonlyArray<InvoiceLine>,
  grants: ReadonlyArray<{ grant: CreditGrantTerms; balance: Decimal }>,
  totalAfterTax?: TotalAfterTax,
): { lines: InvoiceLine[]; applied: AppliedCredit[] } {
  let current = [...lines];
  const applied: AppliedCredit[] = [];
  for (const { grant, balance } of grants) {
    if (grant.taxed === "at_use") continue;
    const inScope = chargeScope(grant.charges);
    const eligible = current.filter((line) => inScope(line.chargeId) && netOf(line).greaterThan(0));
    const base = eligible.reduce((sum, line) => sum.plus(netOf(line)), ZERO);
    const draw = (owed: Decimal) => {
      const burn = burnAmount(grant, balance, owed, contract.currency, contract.customUnits);
      const spread = spreadReduction(current, eligible, burn.money, contract.currency, "credit", grant.id);
      return { burn, spread };
    };
    let drawn = draw(drawable(base, current));
    // Only a negative line (a credit charge, unused time) taxed at another rate than the lines drawn on,
    // or each line's tax rounded on its own, can take the total below zero once the nets are not: with
    // every line at or above zero, so are their tax and their total.
    const mayEndBelowZero =
      totalAfterTax !== undefined &&
      !drawn.burn.money.isZero() &&
      current.some((line) => netOf(line).isNegative());
    if (mayEndBelowZero && totalAfterTax(drawn.spread.lines).isNegative()) {
      const totalAt = (money: Decimal) => totalAfterTax(draw(money).spread.lines);
      drawn = draw(largestDrawAtOrAboveZero(drawn.burn.money, totalAt, contract.currency.minorUnits));
    }
    current = drawn.spread.lines;
    applied.push({
      ...appliedEntry(contract, grant, "before_tax", balance, drawn.burn),
      allocation: drawn.spread.allocation,
    });
  }
  return { lines: current, applied };
}

// What a grant before tax may draw: its lines' nets, but never more than the invoice's net is above zero.
// A credit charge's line (an SLA credit, a refund) or the unused time of a plan change is negative and
// never drawn on, yet it lowers what the customer owes: against an invoice already at or below zero, a
// burn from the positive lines only took the invoice further below zero, paying the grant out as money
// owed to the customer. Stripe ignores a coupon on an invoice of zero and never lets one raise the
// customer's balance; ratecard's credits after tax (step 11) pay nothing of a total below zero either.
function drawable(base: Decimal, lines: ReadonlyArray<InvoiceLine>): Decimal {
  const invoice = lines.reduce((sum, line) => sum.plus(netOf(line)), ZERO);
  if (!invoice.greaterThan(0)) return ZERO;
  return invoice.lessThan(base) ? invoice : base;
}

// The most, in whole minor units and at most `most` (whose total is below zero), that a grant can draw
// and leave the total after tax at or above zero; nothing when the total without it is not above zero.
// The total falls with the draw, by the drawn lines' net and tax, but each line's tax is rounded and the
// spread shares cents by largest remainder, so it falls by steps: halving the interval between a draw
// that keeps it at or above zero and one that does not ends on neighbours, the one a cent more taking
// the total below zero: log2 of the draw in minor units, 27 totals for 1,000,000.00, on the rare
// invoices that need it.
function largestDrawAtOrAboveZero(
  most: Decimal,
  totalAt: (draw: Decimal) => Decimal,
  minorUnits: number,
): Decimal {
  if (!totalAt(ZERO).greaterThan(0)) return ZERO;
  const step = new Decimal(10).pow(-minorUnits);
  let enough = ZERO;
  let tooMuch = most;
  while (tooMuch.minus(enough).greaterThan(step)) {
    const middle = roundTo(enough.plus(tooMuch).div(2), minorUnits, "floor");
    if (totalAt(middle).isNegative()) tooMuch = middle;
    else enough = middle;
  }
  return enough;
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

/** What a rating call says about the grants' balances before this invoice. */
export interface CarriedCredits {
  /** Each grant's balance before this invoice, by grant id. */
  readonly balances?: CreditBalances;
  /** Every grant without a carried balance starts full (see {@link openGrants}). */
  readonly startFull?: boolean;
  /**
   * What the credit notes of the period's earlier progressive invoices gave back to each grant, by grant
   * id: a later invoice of the period rates the usage so far on the period's opening balance plus this,
   * so the grant pays again what the notes put back (docs/progressive-billing.md). Checked by the notes,
   * not against the grant's amount: a full wallet that paid 80.00 and got 10.00 back opens at 110.00.
   */
  readonly restored?: CreditBalances;
}

/** Step 8: opens the grants usable on this invoice and burns those that reduce the taxed amount. */
export function creditsBeforeTaxStage(draft: InvoiceDraft, carried: CarriedCredits): InvoiceDraft {
  const grants = openGrants(draft.contract, draft.period, carried.balances ?? {}, {
    startFull: carried.startFull === true,
    ...(carried.restored !== undefined ? { restored: carried.restored } : {}),
  });
  const { lines, applied } = applyCreditsBeforeTax(
    draft.contract,
    draft.lines,
    grants,
    totalAfterTaxOf(draft),
  );
  return { ...draft, lines, grants, credits: applied };
}

// The total that steps 9–10½ would give the draft with other lines: only exclusive tax can take it away
// from the nets' sum (an inclusive price holds its tax, and rounding the total keeps its sign).
function totalAfterTaxOf(draft: InvoiceDraft): TotalAfterTax | undefined {
  if (draft.contract.tax?.mode !== "exclusive") return undefined;
  return (lines) => totalRoundingStage(taxStage({ ...draft, lines })).total ?? ZERO;
}

/** Step 11: the grants that pay the invoice after tax burn on its total; what is left is due. */
export function creditsAfterTaxStage(draft: InvoiceDraft): InvoiceDraft {
  const { amountDue, applied } = applyCreditsAfterTax(draft.contract, draft.total ?? ZERO, draft.grants);
  return applied.length === 0 ? draft : { ...draft, credits: [...draft.credits, ...applied], amountDue };
}
