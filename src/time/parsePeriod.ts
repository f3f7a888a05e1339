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
  type LocalDateParseResult,
  safeParseLocalDate,
  startOfLocalDate,
} from "./localDate.js";
import type { Period } from "./period.js";
import { isSupportedYear, yearOutOfRange } from "./yearRange.js";

const MONTH = /^(\d{4})-(\d{2})$/;
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Parses the period syntax used by the CLI and the library, in the contract's time zone:
 * - `2026-02`: that calendar month, local midnight Feb 1 to local midnight Mar 1;
 * - `2026-02-01/2026-03-01`: from local midnight of the first date to local midnight of the second
 *   (the second date is excluded, as in every ratecard period).
 * Years must lie in 1970–9999: `0026-02` is refused, never read as February 1926.
 * @throws InputError `invalid_period`
 * @example parsePeriod("2026-02", "UTC") // { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) }
 */
export function parsePeriod(text: string, timeZone: string): Period {
  const month = MONTH.exec(text);
  if (month) {
    const year = Number(month[1]);
    const m = Number(month[2]);
    if (!isSupportedYear(year)) throw yearRefused(text, month[1]!);
    if (m < 1 || m > 12) throw invalidPeriod(text);
    const next = m === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: m + 1, day: 1 };
    return {
      start: startOfLocalDate({ year, month: m, day: 1 }, timeZone),
      end: startOfLocalDate(next, timeZone),
    };
  }
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

function yearRefused(text: string, year: string): InputError {
  return InputError.from(periodDateRefused(text, yearOutOfRange(year)), "period");
}

function invalidPeriod(text: string): InputError {
  return InputError.from(periodNotUnderstood(text), "period");
}
