import type { Contract, DiscountTerms } from "../../contracts/index.js";
import {
  intersectPeriods,
  isSamePeriod,
  type Period,
  type ProrationRatio,
  parseInstant,
  parseLocalDate,
  periodIndexOf,
  periodOf,
  startOfLocalDate,
} from "../../time/index.js";
import { contractRatio } from "../contractRatio.js";
import type { InvoiceLine } from "../invoiceSchema.js";
import { type ServicePeriod, servicePeriodOf } from "../resolveServicePeriod.js";

/** Where a discount is in force inside a period, when that is only part of it. */
export interface PartInForce {
  readonly period: Period;
  /** The discount's own [from, until), which a fee billed in advance for a later period may fall in. */
  readonly window: Period;
  /** The part's share of the (service) period: what scales a percentage. */
  readonly ofService: ProrationRatio;
  /** The part's share of the billing period: what scales a fixed amount per billing period. */
  readonly ofBillingPeriod: ProrationRatio;
}

/**
 * How far a discount reaches a period: undefined when it does not (outside its first `periods` billing
 * periods, or its [from, until) misses the period), `{ part: undefined }` when it is in force all
 * period, and the part otherwise.
 */
export type Reach = { readonly part: PartInForce | undefined } | undefined;

/**
 * The reach of `discount` over the service period `resolved`. `from` and `until` are local dates,
 * midnight in the contract's zone; `until` is the first day it no longer applies.
 */
export function shareInForce(discount: DiscountTerms, contract: Contract, resolved: ServicePeriod): Reach {
  if (discount.periods !== undefined) {
    const index =
      periodIndexOf(contract.cycle, resolved.billingPeriod.start) -
      periodIndexOf(contract.cycle, contract.term.start);
    if (index >= discount.periods) return undefined;
  }
  const window = windowOf(discount, contract);
  const service = resolved.service;
  const period = intersectPeriods(service, window);
  if (period === undefined) return undefined;
  if (isSamePeriod(period, service)) return { part: undefined };
  const ratio = (whole: Period) => contractRatio(period, whole, contract);
  return {
    part: { period, window, ofService: ratio(service), ofBillingPeriod: ratio(resolved.billingPeriod) },
  };
}

/** The discount's [from, until) as instants; open ends reach as far as instants go. */
export function windowOf(discount: DiscountTerms, contract: Contract): Period {
  const midnight = (date: string) => startOfLocalDate(parseLocalDate(date)!, contract.timeZone);
  return {
    start: discount.from === undefined ? Number.MIN_SAFE_INTEGER : midnight(discount.from),
    end: discount.until === undefined ? Number.MAX_SAFE_INTEGER : midnight(discount.until),
  };
}

/**
 * The ids of the lines of a billing period after the invoice's: the fees billed in advance for the next
 * period, on the invoice that closes this one. A percentage reaches them by their own period
 * ({@link laterLineReach}), not by the invoice's.
 */
export function laterLineIds(lines: ReadonlyArray<InvoiceLine>, resolved: ServicePeriod): Set<string> {
  const ids = new Set<string>();
  // Only a fee billed in advance is of a later period: the other lines' dates are not read at all.
  for (const line of lines)
    if (line.billed === "in_advance" && parseInstant(line.period.start) >= resolved.billingPeriod.end)
      ids.add(line.id);
  return ids;
}

/**
 * The reach of `discount` over a line of a later billing period: its reach over an invoice of that
 * period (the line's own), so that a discount for March (`periods: 1`, or `until: "2026-04-01"`) does not
 * take April's fee billed on March's invoice, and one from April does.
 */
export function laterLineReach(discount: DiscountTerms, contract: Contract, linePeriod: Period): Reach {
  return shareInForce(discount, contract, ownServicePeriod(contract, linePeriod.start));
}

/** The service period of the billing period that holds `instant`, clipped to the term. */
export function ownServicePeriod(contract: Contract, instant: number): ServicePeriod {
  return servicePeriodOf(contract, periodOf(contract.cycle, instant));
}
