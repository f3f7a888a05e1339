import {
  type Currency,
  type Decimal,
  type RoundingMode,
  roundTo,
  toFixedString,
  toPlainString,
  ZERO,
} from "../money/index.js";
import type { AppliedDiscount, Contract, DiscountTerms, InvoiceLine } from "../schema/index.js";
import { applyRatio, formatLocalDate, periodIndexOf, toLocalDate } from "../time/index.js";
import type { ServicePeriod } from "./resolveServicePeriod.js";
import { netOf, spreadReduction } from "./spreadReduction.js";

/** The lines after discounts, and the discounts as applied. */
export interface DiscountResult {
  readonly lines: ReadonlyArray<InvoiceLine>;
  readonly discounts: ReadonlyArray<AppliedDiscount>;
}

/**
 * Steps 5 and 6 of docs/contracts.md: line discounts (those naming charges), then invoice discounts;
 * within each, percentages before fixed amounts, each group in contract order. Each discount is
 * worked out on the current net of its lines (so two 10 % discounts take 19 %), rounded once, never
 * more than that base, and spread over the lines by largest remainder in proportion to their nets.
 * Fixed amounts are per billing period and prorated on a partial one.
 */
export function applyDiscounts(
  contract: Contract,
  lines: ReadonlyArray<InvoiceLine>,
  resolved: ServicePeriod,
): DiscountResult {
  const active = contract.discounts.filter((discount) => isActive(discount, contract, resolved));
  const ordered = [
    ...active.filter((d) => d.charges !== undefined && d.percent !== undefined),
    ...active.filter((d) => d.charges !== undefined && d.amount !== undefined),
    ...active.filter((d) => d.charges === undefined && d.percent !== undefined),
    ...active.filter((d) => d.charges === undefined && d.amount !== undefined),
  ];
  const minor = contract.currency.minorUnits;
  let current = [...lines];
  const applied: AppliedDiscount[] = [];
  for (const discount of ordered) {
    const eligible = current.filter(
      (line) =>
        (discount.charges === undefined || discount.charges.includes(line.chargeId)) &&
        netOf(line).greaterThan(0),
    );
    const base = eligible.reduce((sum, line) => sum.plus(netOf(line)), ZERO);
    const fixed =
      discount.amount === undefined
        ? undefined
        : prorated(discount.amount, resolved, contract.currency, contract.rounding);
    const wanted =
      discount.percent !== undefined
        ? roundTo(base.times(discount.percent).div(100), minor, contract.rounding)
        : fixed!;
    const amount = wanted.greaterThan(base) ? base : wanted;
    const spread = spreadReduction(current, eligible, amount, contract.currency, "discount", discount.id);
    current = spread.lines;
    applied.push({
      id: discount.id,
      name: discount.name,
      ...(discount.percent !== undefined ? { percent: toPlainString(discount.percent) } : {}),
      ...(fixed !== undefined ? { fixed: toFixedString(fixed, minor) } : {}),
      base: toFixedString(base, minor),
      amount: toFixedString(amount.negated(), minor),
      allocation: spread.allocation,
    });
  }
  return { lines: current, discounts: applied };
}

// A discount applies to the invoice when its billing period is among the first `periods` of the term
// and the period starts within [from, until) — local dates in the contract's zone.
function isActive(discount: DiscountTerms, contract: Contract, resolved: ServicePeriod): boolean {
  if (discount.periods !== undefined) {
    const index =
      periodIndexOf(contract.cycle, resolved.billingPeriod.start) -
      periodIndexOf(contract.cycle, contract.term.start);
    if (index >= discount.periods) return false;
  }
  const start = formatLocalDate(toLocalDate(resolved.service.start, contract.timeZone));
  if (discount.from !== undefined && start < discount.from) return false;
  if (discount.until !== undefined && start >= discount.until) return false;
  return true;
}

function prorated(
  amount: Decimal,
  resolved: ServicePeriod,
  currency: Currency,
  rounding: RoundingMode,
): Decimal {
  return resolved.proration === undefined
    ? amount
    : roundTo(applyRatio(amount, resolved.proration), currency.minorUnits, rounding);
}
