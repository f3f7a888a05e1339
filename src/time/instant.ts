import { isValid } from "date-fns/isValid";
import { parseISO } from "date-fns/parseISO";
import { InputError, invalidInstant, type JsonPath } from "../errors/index.js";
import { isSupportedYear, yearOutOfRange } from "./yearRange.js";

// An ISO 8601 date-time that names its offset (Z or ±hh:mm). A timestamp without an offset is
// ambiguous (whose midnight?), so it is refused rather than guessed.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;

/** Outcome of {@link safeParseInstant}. */
export type InstantParseResult =
  | { readonly success: true; readonly data: number }
  | { readonly success: false; readonly reason: string };

/**
 * Parses an ISO 8601 timestamp with an explicit offset into epoch milliseconds, without throwing.
 * Sub-millisecond digits are accepted and truncated to the millisecond. The year, as written, must
 * lie in 1970–9999 (`0026-02-03T10:15:00Z` is a typo, not the year 26).
 */
export function safeParseInstant(text: string): InstantParseResult {
  const fast = parseCommonInstant(text);
  if (fast !== undefined) return { success: true, data: fast };
  if (!ISO_INSTANT.test(text)) {
    return {
      success: false,
      reason: `"${text}" is not an ISO 8601 timestamp with an offset, such as "2026-02-03T10:15:00Z" or "2026-02-03T05:15:00-05:00"`,
    };
  }
  if (!isSupportedYear(yearOf(text))) {
    return { success: false, reason: `"${text}": ${yearOutOfRange(text.slice(0, 4))}` };
  }
  // Keep exactly three fraction digits, so sub-millisecond digits floor to their millisecond
  // (new Date truncates toward zero, which would move an instant before 1970 one millisecond later).
  const date = parseISO(
    text.replace(/\.(\d{1,9})/, (_, digits: string) => `.${digits.slice(0, 3).padEnd(3, "0")}`),
  );
  if (!isValid(date) || !hasValidCalendarDate(text)) {
    return { success: false, reason: `"${text}" is not a real date and time` };
  }
  return { success: true, data: date.getTime() };
}

// The shape nearly every event uses: "2026-02-03T10:15:00Z", "…:00.123Z", "…:00-05:00" (the ECMAScript
// date-time format: yyyy-MM-ddTHH:mm[:ss[.sss]] then Z or ±HH:mm), read character by character without
// a regular expression, Date.parse or Date.UTC (this runs once per usage event: the regex alone was 7 %
// of a 10-million-event run, issue 14, and Date.UTC with its seven arguments half of what was left).
// The calendar is checked first, so February 30 is refused as the full path refuses it; anything else
// (other fraction lengths, "+0500", lower-case letters) returns undefined and takes the full path, so
// both paths give the same instant or the same error.
function parseCommonInstant(text: string): number | undefined {
  const length = text.length;
  if (length < 17 || !isDatePart(text)) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (!isCalendarDate(year, month, day)) return undefined;
  let at = 16;
  let millisecond = 0;
  if (text.charCodeAt(at) === COLON) {
    if (!isPair(text, 17, 5)) return undefined;
    millisecond = digitsAt(text, 17, 2) * 1000;
    at = 19;
    if (text.charCodeAt(at) === DOT) {
      if (!isDigit(text, 20) || !isDigit(text, 21) || !isDigit(text, 22)) return undefined;
      millisecond += digitsAt(text, 20, 3);
      at = 23;
    }
  }
  const minutes = digitsAt(text, 11, 2) * 60 + digitsAt(text, 14, 2);
  const utc = daysSinceEpoch(year, month, day) * 86_400_000 + minutes * 60_000 + millisecond;
  const sign = text.charCodeAt(at);
  if (sign === LETTER_Z) return at + 1 === length ? utc : undefined;
  if ((sign !== PLUS && sign !== MINUS) || at + 6 !== length) return undefined;
  if (!isHour(text, at + 1) || text.charCodeAt(at + 3) !== COLON || !isPair(text, at + 4, 5))
    return undefined;
  const offset = (digitsAt(text, at + 1, 2) * 60 + digitsAt(text, at + 4, 2)) * 60_000;
  return sign === PLUS ? utc - offset : utc + offset;
}

/**
 * The days from 1970-01-01 to a date of the proleptic Gregorian calendar (year 1970–9999, month 1–12),
 * what Date.UTC counts, in integer arithmetic: the year is taken to start on 1 March, so the leap day
 * ends it, and the days are whole 400-year eras (146,097 days), then 365 per year plus the leap days
 * (one every 4 years but every 100th, counted by the divisions), then the days of the months before
 * (153 days per 5 months from March: 31, 30, 31, 30, 31). 719,468 days lie between 0000-03-01 and
 * 1970-01-01. Example: 2026-02-03 falls in the year from 1 March 2025: era 5, year of era 25, day of
 * that year 339 (March to January are (153 × 11 + 2) / 5 = 337 days, then 3 − 1); 5 × 146,097 +
 * 25 × 365 + 6 − 0 + 339 − 719,468 = 20,487 days, as test/time/commonInstant.property.test.ts expects.
 */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const marchYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const COLON = 58;
const DOT = 46;
const PLUS = 43;
const MINUS = 45;
const LETTER_Z = 90;
const LETTER_T = 84;

function isDigit(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 48 && code <= 57;
}

// Two digits whose first is at most `maxFirst` (minutes and seconds: [0-5]\d).
function isPair(text: string, at: number, maxFirst: number): boolean {
  return isDigit(text, at) && text.charCodeAt(at) - 48 <= maxFirst && isDigit(text, at + 1);
}

// An hour, 00–23.
function isHour(text: string, at: number): boolean {
  return isPair(text, at, 2) && (text.charCodeAt(at) !== 50 || text.charCodeAt(at + 1) <= 51);
}

// "yyyy-MM-ddTHH:mm": digits and separators in place, the hour 00–23 and the minute 00–59.
function isDatePart(text: string): boolean {
  return (
    isDigit(text, 0) &&
    isDigit(text, 1) &&
    isDigit(text, 2) &&
    isDigit(text, 3) &&
    text.charCodeAt(4) === MINUS &&
    isDigit(text, 5) &&
    isDigit(text, 6) &&
    text.charCodeAt(7) === MINUS &&
    isDigit(text, 8) &&
    isDigit(text, 9) &&
    text.charCodeAt(10) === LETTER_T &&
    isHour(text, 11) &&
    text.charCodeAt(13) === COLON &&
    isPair(text, 14, 5)
  );
}

/**
 * Parses an ISO 8601 timestamp with an explicit offset into epoch milliseconds.
 * @throws InputError `invalid_instant`
 * @example parseInstant("2026-02-01T05:00:00Z") // 1769922000000
 */
export function parseInstant(text: string, path: JsonPath = ""): number {
  const result = safeParseInstant(text);
  if (result.success) return result.data;
  throw InputError.from(invalidInstant(path, result.reason), path);
}

/** The canonical text of an instant: UTC, millisecond precision (`2026-02-01T05:00:00.000Z`). */
export function formatInstant(instant: number): string {
  // An invoice writes its period's two instants a dozen times, and a batch writes the same ones for
  // every customer: the texts are kept (a bounded cache of strings, so it cannot change any output).
  // The last two first, compared as numbers: a line writes its start then its end, and a map look-up
  // keyed by a large number hashes it (3 % of rating from aggregates, issue 14).
  if (instant === lastInstant) return lastText;
  if (instant === otherInstant) return otherText;
  let text = FORMATTED.get(instant);
  if (text === undefined) {
    text = new Date(instant).toISOString();
    if (FORMATTED.size >= FORMATTED_LIMIT) FORMATTED.clear();
    FORMATTED.set(instant, text);
  }
  otherInstant = lastInstant;
  otherText = lastText;
  lastInstant = instant;
  lastText = text;
  return text;
}

const FORMATTED = new Map<number, string>();
const FORMATTED_LIMIT = 256;
// The two instants written last and their texts (NaN matches no instant).
let lastInstant = Number.NaN;
let lastText = "";
let otherInstant = Number.NaN;
let otherText = "";

// Digits read by hand: this runs once per usage event.
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i += 1) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}

// The year of a timestamp that starts with four digits, as written.
function yearOf(text: string): number {
  return digitsAt(text, 0, 4);
}

// parseISO rolls some impossible dates over (e.g. February 30) on some inputs; reject them explicitly.
// A year outside 1970–9999 is not a calendar date ratecard rates either.
function hasValidCalendarDate(text: string): boolean {
  if (digitsAt(text, 11, 2) > 23 || digitsAt(text, 14, 2) > 59) return false;
  return isCalendarDate(digitsAt(text, 0, 4), digitsAt(text, 5, 2), digitsAt(text, 8, 2));
}

// A day that exists in a year ratecard rates.
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!isSupportedYear(year) || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month - 1]!);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
