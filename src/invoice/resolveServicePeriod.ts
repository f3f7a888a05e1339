import type { Contract } from "../contracts/index.js";
import { InputError, invoiceMessages } from "../errors/index.js";
import {
  FIRST_YEAR,
  formatLocalDate,
  intersectPeriods,
  isSamePeriod,
  isSupportedInstant,
  LAST_YEAR,
  type Period,
  type ProrationRatio,
  parsePeriod,
  periodOf,
  periodShorthand,
  toLocalDate,
} from "../time/index.js";
import { contractRatio } from "./contractRatio.js";
import { requireContract, requirePeriod } from "./entryArguments.js";

/** The invoice period resolved against the contract's billing cycle and term. */
export interface ServicePeriod {
  /** The period asked for. */
  readonly requested: Period;
  /** The billing-cycle period that contains it. */
  readonly billingPeriod: Period;
  /** The requested period clipped to the contract term: what the invoice charges for. */
  readonly service: Period;
  /** The share of the billing period charged for per-period fees; undefined when it is all of it. */
  readonly proration: ProrationRatio | undefined;
}

/**
 * Resolves the period an invoice covers. The period must lie inside one billing period of the
 * contract (an invoice never straddles two); it is clipped to the contract term, and per-period fees
 * are prorated when the result is less than the whole billing period.
 * @throws InputError `invalid_period`, `period_outside_billing_cycle`; `unparsed_contract` for a contract
 *   not returned by parseContract, `invalid_period` at `period` for a period of the wrong kind
 */
export function resolveServicePeriod(contract: Contract, period: Period | string): ServicePeriod {
  requireContract(contract);
  requirePeriod(period);
  return servicePeriodOf(contract, period);
}

/**
 * {@link resolveServicePeriod} without the checks of its arguments, for the rating code, whose entry
 * points made them already (once per call, not again for every fee).
 */
export function servicePeriodOf(contract: Contract, period: Period | string): ServicePeriod {
  const requested = typeof period === "string" ? parsePeriod(period, contract.timeZone) : period;
  if (!(requested.end > requested.start)) {
    throw InputError.from(invoiceMessages.invoicePeriodEmpty(), "period");
  }
  assertSupported(requested, "The invoice period");
  const billingPeriod = periodOf(contract.cycle, requested.start);
  assertSupported(billingPeriod, "The billing period containing the invoice period");
  if (requested.end > billingPeriod.end) {
    const spans = invoiceMessages.periodSpansBillingPeriods(
      label(requested, contract.timeZone),
      contract.id,
      label(billingPeriod, contract.timeZone),
      shortLabel(billingPeriod, contract.timeZone),
    );
    throw InputError.from(spans, "period");
  }
  const service = intersectPeriods(requested, termPeriod(contract));
  if (service === undefined) {
    throw InputError.from(
      invoiceMessages.periodOutsideTerm(label(requested, contract.timeZone), contract.id),
      "period",
    );
  }
  const proration = isSamePeriod(service, billingPeriod)
    ? undefined
    : contractRatio(service, billingPeriod, contract);
  return { requested, billingPeriod, service, proration };
}

// Every instant an invoice writes lies in 1970-01-01 to 9999-12-31 UTC (docs/decisions/date-range.md):
// a billing period that ends later (monthly, December 9999) cannot be written with four-digit years.
function assertSupported(period: Period, subject: string): void {
  if (isSupportedInstant(period.start) && isSupportedInstant(period.end)) return;
  throw InputError.from(invoiceMessages.periodOutsideYears(subject, FIRST_YEAR, LAST_YEAR), "period");
}

/** The contract's term as a period (open-ended terms end at the largest instant). */
export function termPeriod(contract: Contract): Period {
  return { start: contract.term.start, end: contract.term.end ?? Number.MAX_SAFE_INTEGER };
}

/** `2026-02-01/2026-03-01`: the local dates of a period, in the syntax the CLI's --period takes. */
export function label(period: Period, timeZone: string): string {
  return `${formatLocalDate(toLocalDate(period.start, timeZone))}/${formatLocalDate(toLocalDate(period.end, timeZone))}`;
}

/**
 * The shorter text `--period` takes for a period that is a calendar day, month, quarter or year in
 * `timeZone` ("2026-Q1"), or undefined for any other (`label` is then its only text).
 */
export function shortLabel(period: Period, timeZone: string): string | undefined {
  return periodShorthand(toLocalDate(period.start, timeZone), toLocalDate(period.end, timeZone));
}
