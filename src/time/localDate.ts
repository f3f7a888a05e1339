import { TZDate } from "@date-fns/tz";
import { isSupportedYear, yearOutOfRange } from "./yearRange.js";

/** A calendar date with no time and no zone: year, month 1–12, day 1–31. */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The first instant (epoch ms) of `date` in `timeZone`: local midnight, or the first valid local time after it. */
export function startOfLocalDate(date: LocalDate, timeZone: string): number {
  const key = `${timeZone} ${date.year} ${date.month} ${date.day}`;
  const known = MIDNIGHTS.get(key);
  if (known !== undefined) return known;
  const instant = new TZDate(date.year, date.month - 1, date.day, timeZone).getTime();
  if (MIDNIGHTS.size >= MIDNIGHT_LIMIT) MIDNIGHTS.clear();
  MIDNIGHTS.set(key, instant);
  return instant;
}

// A zone's midnight is asked of Intl through TZDate (its offset formatted to parts), a fifth of parsing a
// contract and preparing its period: the term's dates and each period's bounds, the same few dates for
// every customer in a zone (issue 14). The answer depends only on the date, the zone and the runtime's
// zone data, so it is kept; a service that runs for years asks new dates, so the cache starts afresh
// when full rather than growing.
const MIDNIGHTS = new Map<string, number>();
const MIDNIGHT_LIMIT = 4096;

/** The calendar date that `instant` falls on in `timeZone`. */
export function toLocalDate(instant: number, timeZone: string): LocalDate {
  const local = new TZDate(instant, timeZone);
  return { year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate() };
}

/** The number of days in a month (month 1–12), leap years included. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `date` plus `days` calendar days (negative goes back). Pure civil arithmetic, no zone involved. */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  const utc = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
}

/**
 * The date `months` months after the month of (`year`, `month`), on `day` clamped to that month's
 * length: day 31 lands on Feb 28/29, Apr 30, and is 31 again in March.
 */
export function addMonthsClamped(year: number, month: number, months: number, day: number): LocalDate {
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return { year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) };
}

/** Days from `a` to `b` (positive when `b` is later), counting calendar days. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round(
    (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000,
  );
}

/** `YYYY-MM-DD` text of a local date. */
export function formatLocalDate(date: LocalDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Outcome of {@link safeParseLocalDate}. */
export type LocalDateParseResult =
  | { readonly success: true; readonly data: LocalDate }
  | { readonly success: false; readonly reason: string };

/**
 * Parses `YYYY-MM-DD` into a real calendar date of the years ratecard rates (1970–9999), without
 * throwing: 2026-02-30 is not a date, and 0026-02-01 is refused rather than read as 1926 or as the
 * year 26 (see {@link FIRST_YEAR}).
 */
export function safeParseLocalDate(text: string): LocalDateParseResult {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return { success: false, reason: `"${text}" is not a date such as "2026-03-17"` };
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (!isSupportedYear(date.year))
    return { success: false, reason: `"${text}": ${yearOutOfRange(match[1]!)}` };
  const valid =
    date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= daysInMonth(date.year, date.month);
  return valid
    ? { success: true, data: date }
    : { success: false, reason: `"${text}" is not a real calendar date` };
}

/** Parses `YYYY-MM-DD` into a real calendar date of 1970–9999; `undefined` for anything else (2026-02-30 included). */
export function parseLocalDate(text: string): LocalDate | undefined {
  const result = safeParseLocalDate(text);
  return result.success ? result.data : undefined;
}
