/**
 * The calendar years ratecard rates: 1970 to 9999. Every date and timestamp a caller writes must fall
 * in them, and every instant an invoice writes (period bounds, in UTC) too.
 *
 * - From 1970: the IANA time zone database, which places every period boundary, is only reliable from
 *   1970 on; and a year such as 0026 is a typo of 2026 (JavaScript's date functions even read years
 *   0–99 as 1900–1999), never a billing period.
 * - To 9999: dates and timestamps are written with four-digit years, and an invoice's instants
 *   (`2026-02-01T05:00:00.000Z`) sort as text only while they keep four digits.
 * See docs/decisions/date-range.md.
 */
export const FIRST_YEAR = 1970;
export const LAST_YEAR = 9999;

/** The first instant ratecard rates: 1970-01-01T00:00:00.000Z (epoch ms). */
export const EARLIEST_INSTANT = 0;
/** The last instant ratecard rates: 9999-12-31T23:59:59.999Z (epoch ms); a period ends at or before it. */
export const LATEST_INSTANT = 253_402_300_799_999;

/** True when a calendar year lies in {@link FIRST_YEAR}–{@link LAST_YEAR}. */
export function isSupportedYear(year: number): boolean {
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

/** True when an instant (epoch ms) lies in {@link EARLIEST_INSTANT}–{@link LATEST_INSTANT}. */
export function isSupportedInstant(instant: number): boolean {
  return instant >= EARLIEST_INSTANT && instant <= LATEST_INSTANT;
}

/** The sentence that explains a refused year, e.g. for "0026-02-01": "year 0026 is outside 1970–9999". */
export function yearOutOfRange(year: string | number): string {
  const text = typeof year === "number" ? String(year).padStart(4, "0") : year;
  return `year ${text} is outside the years ratecard rates (${FIRST_YEAR}–${LAST_YEAR})`;
}
