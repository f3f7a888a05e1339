import {
  anchorDayOf,
  type BillingCycle,
  type Period,
  type ProrationBasis,
  type ProrationRatio,
  prorationRatio,
} from "../time/index.js";

/** What measuring a part of a period needs from the contract: its basis, its zone and its cycle. */
export interface ProrationCalendar {
  readonly proration: ProrationBasis;
  readonly timeZone: string;
  /** The billing cycle, whose anchor day 30-day months read (absent: a calendar without one). */
  readonly cycle?: BillingCycle;
}

/**
 * The share of `whole` that `part` covers, by the contract's proration basis, in its zone, with its
 * cycle's anchor day: every part of an invoice is measured by this one rule, so the pieces of a period
 * add up to it (a cycle anchored on the 29th measures 29 January → 28 February as 30 days of 30-day
 * months, docs/time-rules.md).
 * @example contractRatio(march17ToApril1, march, contract) // 15 / 31 by day
 */
export function contractRatio(part: Period, whole: Period, calendar: ProrationCalendar): ProrationRatio {
  const anchorDay = calendar.cycle === undefined ? undefined : anchorDayOf(calendar.cycle);
  return prorationRatio(part, whole, calendar.proration, calendar.timeZone, anchorDay);
}
