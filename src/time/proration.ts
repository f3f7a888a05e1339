import { InputError, prorationPartOutsidePeriod } from "../errors/index.js";
import { Decimal, exactProduct, toPlainString } from "../money/index.js";
import { daysBetween, daysInMonth, type LocalDate, toLocalDate } from "./localDate.js";
import type { Period } from "./period.js";

/**
 * How a part of a period is measured against the whole.
 * - `second`: elapsed seconds ÷ total seconds (Stripe's choice; exact for any split).
 * - `day`: whole local days in the contract's zone. A part counts the days from the local date its
 *   start falls on to the local date its end falls on. So each day is charged to the part in force
 *   when that day ends (a plan changed at 15:00 on March 15 charges March 15 to the new plan), and
 *   consecutive parts always add up to the whole. A part that starts and ends on the same local day
 *   counts 0 days.
 * - `month_30_days`: days of fixed 30-day months (Kill Bill's `org.killbill.invoice.proration.fixed.days
 *   = 30`): each local date sits on a 30-day-month scale (a 31st, and the last day of February, read as
 *   the 30th; February's last day when it is no later than the cycle's anchor day is the period boundary
 *   standing for that day, and reads as it) and a part counts the days between its ends on that scale. A
 *   billing month is then 30 days whatever its length, and consecutive parts still add up to the whole.
 */
export type ProrationBasis = "second" | "day" | "month_30_days";

/** Every way a part of a period can be measured, in the order the contract schema lists them. */
export const PRORATION_BASES = [
  "second",
  "day",
  "month_30_days",
] as const satisfies ReadonlyArray<ProrationBasis>;

/** The exact fraction `elapsed / total` that scales a charge for part of a period. */
export interface ProrationRatio {
  readonly basis: ProrationBasis;
  /** Seconds (fractional when the instants carry milliseconds) or days in the part. */
  readonly elapsed: Decimal;
  /** Seconds or days in the whole period. */
  readonly total: Decimal;
}

/**
 * The share of `whole` that `part` covers, measured by `basis`, as an exact fraction.
 * Apply it with {@link applyRatio} (multiply first, divide last) rather than via its decimal value.
 * `anchorDay`: the day of the month the contract's billing periods start on (its `billing.anchorDay`, or
 * the term start's day with anniversary alignment); read by `month_30_days` only, where February's last
 * day reads as an anchor day on or after it (the 28th or 29th), so that 28 January → 28 February and
 * 29 January → 28 February are 30 days, not 32 and 31.
 * @throws InputError `invalid_period` when `part` is not inside `whole`
 * @example prorationRatio({ start: feb15, end: mar1 }, february2026, "day", "UTC") // 14 / 28
 */
export function prorationRatio(
  part: Period,
  whole: Period,
  basis: ProrationBasis,
  timeZone: string,
  anchorDay?: number,
): ProrationRatio {
  if (part.start < whole.start || part.end > whole.end || part.end <= part.start) {
    throw InputError.from(prorationPartOutsidePeriod(), "");
  }
  if (basis === "second") {
    return {
      basis,
      elapsed: new Decimal(part.end - part.start).div(1000),
      total: new Decimal(whole.end - whole.start).div(1000),
    };
  }
  const days = (period: Period) => {
    const start = toLocalDate(period.start, timeZone);
    const end = toLocalDate(period.end, timeZone);
    return basis === "day"
      ? daysBetween(start, end)
      : thirtyDayScale(end, anchorDay) - thirtyDayScale(start, anchorDay);
  };
  return { basis, elapsed: new Decimal(days(part)), total: new Decimal(days(whole)) };
}

/**
 * `amount × elapsed ÷ total`. The product is formed exactly (seats × a unit price × seconds can need
 * more than 50 digits) and divided once, so a terminating result stays exact and any other is the
 * correctly rounded 50-digit quotient (docs/decisions/numeric-bounds.md).
 */
export function applyRatio(amount: Decimal, ratio: ProrationRatio): Decimal {
  if (ratio.elapsed.equals(ratio.total)) return amount;
  return exactProduct(amount, ratio.elapsed).div(ratio.total);
}

/**
 * A local date's position on a calendar of 30-day months: 360 a year, 30 a month, the day of the month
 * with a 31st and the last day of February read as the 30th (the "30E/360" end-of-month rule). A
 * difference of two positions is a day count in which every month is 30 days long.
 * A month's last day that is no later than the cycle's anchor day is a period boundary standing for
 * the anchor day (28 February for an anchor on the 28th, or clamped from the 29th), and reads as the
 * anchor day (at most the 30th): read as the 30th it made 28 January → 28 February 32 days and the next
 * period 28, 29 January → 28 February 31 and the next 29 (a $30.00 fee from 14 February: "16 of 31
 * days", $15.48). Only February's end can differ; the 30th and 31st read as the 30th either way.
 */
function thirtyDayScale(date: LocalDate, anchorDay: number | undefined): number {
  const isMonthEnd = date.day === daysInMonth(date.year, date.month);
  const standsForAnchor = anchorDay !== undefined && anchorDay >= date.day;
  const monthEnd = standsForAnchor ? Math.min(anchorDay, 30) : 30;
  const day = isMonthEnd ? monthEnd : Math.min(date.day, 30);
  return date.year * 360 + (date.month - 1) * 30 + day;
}

/**
 * A ratio as invoices write it (a proration step, an `inForce`, a schedule's part): its basis, and its
 * elapsed and total as plain decimal text, in that order.
 */
export function ratioText(ratio: ProrationRatio): {
  readonly basis: ProrationBasis;
  readonly elapsed: string;
  readonly total: string;
} {
  return { basis: ratio.basis, elapsed: toPlainString(ratio.elapsed), total: toPlainString(ratio.total) };
}
