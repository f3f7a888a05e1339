import { InputError, prorationPartOutsidePeriod } from "../errors/index.js";
import { Decimal, exactProduct } from "../money/index.js";
import { daysBetween, toLocalDate } from "./localDate.js";
import type { Period } from "./period.js";

/**
 * How a part of a period is measured against the whole.
 * - `second`: elapsed seconds ÷ total seconds (Stripe's choice; exact for any split).
 * - `day`: whole local days in the contract's zone. A part counts the days from the local date its
 *   start falls on to the local date its end falls on. So each day is charged to the part in force
 *   when that day ends (a plan changed at 15:00 on March 15 charges March 15 to the new plan), and
 *   consecutive parts always add up to the whole. A part that starts and ends on the same local day
 *   counts 0 days.
 */
export type ProrationBasis = "second" | "day";

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
 * @throws InputError `invalid_period` when `part` is not inside `whole`
 * @example prorationRatio({ start: feb15, end: mar1 }, february2026, "day", "UTC") // 14 / 28
 */
export function prorationRatio(
  part: Period,
  whole: Period,
  basis: ProrationBasis,
  timeZone: string,
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
  const days = (period: Period) =>
    daysBetween(toLocalDate(period.start, timeZone), toLocalDate(period.end, timeZone));
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
