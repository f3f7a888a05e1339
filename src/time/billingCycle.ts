import { InputError, isRecord, rangeEndsBeforeStart, requireArgument } from "../errors/index.js";
import {
  addLocalDays,
  addMonthsClamped,
  daysBetween,
  type LocalDate,
  startOfLocalDate,
  toLocalDate,
} from "./localDate.js";
import type { Period } from "./period.js";

/** How often a contract bills. */
export type Cadence = "daily" | "weekly" | "monthly" | "quarterly" | "annual";

/**
 * Where period boundaries sit.
 * - `calendar`: on calendar units — days, ISO weeks (Monday), the `anchorDay` of each month, quarters
 *   starting in January/April/July/October (or from `anchorMonth`), years from January (or `anchorMonth`).
 * - `anniversary`: every cadence step after the term start date (a term starting on March 15 bills
 *   March 15 → April 15 → …; one starting on a Wednesday bills weekly from Wednesdays).
 */
export type Alignment = "calendar" | "anniversary";

/** The settings that define a contract's sequence of billing periods. */
export interface BillingCycle {
  readonly cadence: Cadence;
  readonly alignment: Alignment;
  /** IANA zone in which boundaries fall at local midnight. */
  readonly timeZone: string;
  /** The contract's term start (epoch ms); the reference for anniversary alignment. */
  readonly termStart: number;
  /** Calendar alignment only: day of month 1–31 for monthly/quarterly/annual (default 1). */
  readonly anchorDay?: number;
  /** Calendar alignment only: month 1–12 that starts quarters and years (default 1, January). */
  readonly anchorMonth?: number;
}

const MONTHS_PER_STEP: Readonly<Record<Cadence, number>> = {
  daily: 0,
  weekly: 0,
  monthly: 1,
  quarterly: 3,
  annual: 12,
};
const DAYS_PER_STEP: Readonly<Record<Cadence, number>> = {
  daily: 1,
  weekly: 7,
  monthly: 0,
  quarterly: 0,
  annual: 0,
};

/**
 * The local date of boundary `n` (boundary 0 is the cycle's reference date). Every boundary is
 * computed from the reference, never by chaining steps, so anchor day 31 returns to March 31 after
 * February 28.
 */
export function boundaryDate(cycle: BillingCycle, n: number): LocalDate {
  const reference = referenceDate(cycle);
  const months = MONTHS_PER_STEP[cycle.cadence];
  if (months > 0) return addMonthsClamped(reference.year, reference.month, n * months, reference.day);
  return addLocalDays(reference, n * DAYS_PER_STEP[cycle.cadence]);
}

/** The instant (epoch ms) of boundary `n`: local midnight of {@link boundaryDate} in the cycle's zone. */
export function boundaryInstant(cycle: BillingCycle, n: number): number {
  return startOfLocalDate(boundaryDate(cycle, n), cycle.timeZone);
}

/** The billing period `[boundary n, boundary n+1)`. */
export function nthPeriod(cycle: BillingCycle, n: number): Period {
  return { start: boundaryInstant(cycle, n), end: boundaryInstant(cycle, n + 1) };
}

/**
 * The index of the billing period containing `instant`.
 * An estimate from the calendar difference, corrected by at most a step or two either way.
 */
export function periodIndexOf(cycle: BillingCycle, instant: number): number {
  const reference = referenceDate(cycle);
  const local = toLocalDate(instant, cycle.timeZone);
  const months = MONTHS_PER_STEP[cycle.cadence];
  let n =
    months > 0
      ? Math.floor(((local.year - reference.year) * 12 + (local.month - reference.month)) / months)
      : Math.floor(daysBetween(reference, local) / DAYS_PER_STEP[cycle.cadence]);
  while (boundaryInstant(cycle, n) > instant) n -= 1;
  while (boundaryInstant(cycle, n + 1) <= instant) n += 1;
  return n;
}

/**
 * The billing period that contains `instant`.
 * @throws InputError `invalid_argument` at `cycle` or `instant` for an argument of the wrong kind
 * @example
 * // monthly, calendar, anchor day 31, New York: an instant on 2026-02-10 falls in
 * // [2026-01-31 00:00 -05:00, 2026-02-28 00:00 -05:00)
 */
export function periodOf(cycle: BillingCycle, instant: number): Period {
  // Two typeof tests, once per call (a few times per invoice): a wrong argument is named, not a TypeError.
  requireArgument(
    isRecord(cycle) && typeof cycle.cadence === "string" && Number.isFinite(cycle.termStart),
    "cycle",
    cycle,
    "billing cycle",
    "a contract's cycle (parseContract(json).cycle)",
  );
  requireArgument(
    Number.isFinite(instant),
    "instant",
    instant,
    "instant",
    'a number of epoch milliseconds, such as Date.parse("2026-02-10T00:00:00Z")',
  );
  return nthPeriod(cycle, periodIndexOf(cycle, instant));
}

/**
 * The billing periods that overlap `[from, to)`, in order. The first and last are whole billing
 * periods (they may start before `from` or end after `to`); clip them with `intersectPeriods`.
 * @throws InputError `invalid_period` when `to` is not after `from`
 */
export function periodsBetween(cycle: BillingCycle, from: number, to: number): Period[] {
  if (!(to > from)) {
    throw InputError.from(rangeEndsBeforeStart(), "");
  }
  const first = periodIndexOf(cycle, from);
  const last = periodIndexOf(cycle, to - 1);
  const periods: Period[] = [];
  for (let n = first; n <= last; n += 1) periods.push(nthPeriod(cycle, n));
  return periods;
}

/**
 * The day of the month the cycle's periods start on: `anchorDay` (default 1) with calendar alignment,
 * the term start's local day with anniversary alignment (what a month without that day clamps to its
 * end). 30-day-month proration reads it (a cycle anchored on the 29th). Daily and weekly cycles have
 * none worth reading: the day of their reference date.
 */
export function anchorDayOf(cycle: BillingCycle): number {
  return referenceDate(cycle).day;
}

function referenceDate(cycle: BillingCycle): LocalDate {
  const start = toLocalDate(cycle.termStart, cycle.timeZone);
  if (cycle.alignment === "anniversary") return start;
  switch (cycle.cadence) {
    case "daily":
      return start;
    case "weekly":
      return mondayOnOrBefore(start);
    case "monthly":
      return { year: start.year, month: 1, day: cycle.anchorDay ?? 1 };
    case "quarterly":
    case "annual":
      return { year: start.year, month: cycle.anchorMonth ?? 1, day: cycle.anchorDay ?? 1 };
  }
}

function mondayOnOrBefore(date: LocalDate): LocalDate {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay(); // 0 = Sunday
  return addLocalDays(date, -((weekday + 6) % 7));
}
