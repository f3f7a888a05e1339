import {
  InputError,
  periodDateRefused,
  periodEmpty,
  periodEndsBeforeStart,
  periodNotUnderstood,
} from "../errors/index.js";
import {
  addLocalDays,
  formatLocalDate,
  type LocalDate,
  type LocalDateParseResult,
  safeParseLocalDate,
  startOfLocalDate,
} from "./localDate.js";
import type { Period } from "./period.js";
import { isSupportedYear, yearOutOfRange } from "./yearRange.js";

const MONTH = /^(\d{4})-(\d{2})$/;
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const QUARTER = /^(\d{4})-[Qq]([1-4])$/;
const YEAR = /^(\d{4})$/;

/** A period's first local date and the local date after its last one (excluded). */
interface LocalSpan {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

/**
 * Parses the period syntax used by the CLI and the library, in the contract's time zone:
 * - `2026-02`: that calendar month, local midnight Feb 1 to local midnight Mar 1;
 * - `2026-02-10`: that day, local midnight to the next local midnight (a daily contract's period);
 * - `2026-Q1`: that calendar quarter, Jan 1 to Apr 1 (Q2 from Apr 1, Q3 from Jul 1, Q4 from Oct 1);
 * - `2026`: that calendar year, Jan 1 to the next Jan 1;
 * - `2026-02-01/2026-03-01`: from local midnight of the first date to local midnight of the second
 *   (the second date is excluded, as in every ratecard period).
 * Years must lie in 1970–9999: `0026-02` is refused, never read as February 1926.
 * @throws InputError `invalid_period`
 * @example parsePeriod("2026-02", "UTC") // { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) }
 */
export function parsePeriod(text: string, timeZone: string): Period {
  const named = namedSpan(text);
  if (named !== undefined)
    return { start: startOfLocalDate(named.from, timeZone), end: startOfLocalDate(named.to, timeZone) };
  const parts = text.split("/");
  if (parts.length === 2 && parts.every((part) => DATE_SHAPE.test(part))) {
    const [from, to] = parts.map(safeParseLocalDate) as [LocalDateParseResult, LocalDateParseResult];
    // A side written as a date but refused (0026-02-01, 2026-02-30): say which and why.
    if (!from.success) throw InputError.from(periodDateRefused(text, from.reason), "period");
    if (!to.success) throw InputError.from(periodDateRefused(text, to.reason), "period");
    const period = { start: startOfLocalDate(from.data, timeZone), end: startOfLocalDate(to.data, timeZone) };
    if (period.end === period.start) {
      const oneDay = `${parts[0]}/${formatLocalDate(addLocalDays(from.data, 1))}`;
      throw InputError.from(periodEmpty(text, oneDay), "period");
    }
    if (period.end < period.start) throw InputError.from(periodEndsBeforeStart(text), "period");
    return period;
  }
  throw invalidPeriod(text);
}

// A calendar month, day, quarter or year named by one text (never empty, never reversed), or undefined
// for anything else. The day, quarter and year are what a daily, quarterly or annual contract's
// specialist types: before 7 December 2026 each was "not understood", and only a range of dates rated them.
function namedSpan(text: string): LocalSpan | undefined {
  const month = MONTH.exec(text);
  if (month) {
    const m = Number(month[2]);
    const year = supportedYear(text, month[1]!);
    if (m < 1 || m > 12) throw invalidPeriod(text);
    return { from: { year, month: m, day: 1 }, to: monthAfter(year, m) };
  }
  if (DATE_SHAPE.test(text)) {
    const day = safeParseLocalDate(text);
    if (!day.success) throw InputError.from(periodDateRefused(text, day.reason), "period");
    return { from: day.data, to: addLocalDays(day.data, 1) };
  }
  const quarter = QUARTER.exec(text);
  if (quarter) {
    const year = supportedYear(text, quarter[1]!);
    const first = (Number(quarter[2]) - 1) * 3 + 1;
    return { from: { year, month: first, day: 1 }, to: monthAfter(year, first + 2) };
  }
  const year = YEAR.exec(text);
  if (year) {
    const y = supportedYear(text, year[1]!);
    return { from: { year: y, month: 1, day: 1 }, to: { year: y + 1, month: 1, day: 1 } };
  }
  return undefined;
}

// The first day of the month after month `m` of `year`.
function monthAfter(year: number, m: number): LocalDate {
  return m === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: m + 1, day: 1 };
}

function supportedYear(text: string, digits: string): number {
  const year = Number(digits);
  if (!isSupportedYear(year)) throw yearRefused(text, digits);
  return year;
}

function yearRefused(text: string, year: string): InputError {
  return InputError.from(periodDateRefused(text, yearOutOfRange(year)), "period");
}

function invalidPeriod(text: string): InputError {
  return InputError.from(periodNotUnderstood(text), "period");
}
