/**
 * A second reading of ratecard's calendar, apart from src/time, date-fns and @date-fns/tz: local wall
 * clocks come from the platform's Intl, dates are added by hand, and proration is a pair of BigInts.
 * Laws compare invoices with it (test/invoice/feeProrationOracle.property.test.ts).
 */

/**
 * Zones the time laws run in: DST at 02:00 (New York, Berlin), Lord Howe's 30-minute DST, Kathmandu's
 * +05:45 without DST, and UTC.
 */
export const ORACLE_ZONES = [
  "UTC",
  "America/New_York",
  "Europe/Berlin",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
] as const;

/** A calendar date: year, month 1–12, day 1–31. */
export interface OracleDate {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formats.set(zone, format);
  }
  return format;
}

/** The wall clock in `zone` at `instant` (epoch ms), as Intl reads it. */
function wallClock(instant: number, zone: string) {
  const parts = formatIn(zone).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return {
    y: part("year"),
    m: part("month"),
    d: part("day"),
    h: part("hour"),
    minute: part("minute"),
    s: part("second"),
  };
}

/** The zone's offset from UTC at `instant`, in ms (+05:45 is 20,700,000). */
function offsetAt(instant: number, zone: string): number {
  const w = wallClock(instant, zone);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.minute, w.s) - Math.floor(instant / 1000) * 1000;
}

/**
 * Local midnight of `date` in `zone` (epoch ms): the earlier of the two candidate offsets (the one 15
 * hours before and after) whose wall clock reads that midnight; in a gap at midnight (Santiago moves
 * from 00:00 to 01:00), the instant of the change.
 */
export function localMidnight(date: OracleDate, zone: string): number {
  const utc = Date.UTC(date.y, date.m - 1, date.d);
  const before = offsetAt(utc - 15 * 3_600_000, zone);
  const after = offsetAt(utc + 15 * 3_600_000, zone);
  const readsMidnight = (instant: number) => {
    const w = wallClock(instant, zone);
    return w.y === date.y && w.m === date.m && w.d === date.d && w.h === 0 && w.minute === 0 && w.s === 0;
  };
  const found = [utc - before, utc - after].filter(readsMidnight);
  return found.length > 0 ? Math.min(...found) : utc - before;
}

/** The minute of the local day `instant` falls on in `zone`, as Intl reads it (08:30 is 510). */
export function localMinuteOfDay(instant: number, zone: string): number {
  const { h, minute } = wallClock(instant, zone);
  return h * 60 + minute;
}

/** The date `instant` falls on in `zone`. */
export function localDateOf(instant: number, zone: string): OracleDate {
  const { y, m, d } = wallClock(instant, zone);
  return { y, m, d };
}

/** Days in a month, by the Gregorian rule (every 4th year, not every 100th, every 400th). */
export function monthLength(y: number, m: number): number {
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** `months` months after (`y`, `m`), on `day` or the month's last day when it is shorter. */
export function monthsLater(y: number, m: number, months: number, day: number): OracleDate {
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { y: year, m: month, d: Math.min(day, monthLength(year, month)) };
}

/** Days since 1970-01-01 (UTC civil days: no zone). */
export function dayNumber(date: OracleDate): number {
  return Date.UTC(date.y, date.m - 1, date.d) / 86_400_000;
}

/** `date` plus `days` days. */
export function daysLater(date: OracleDate, days: number): OracleDate {
  const t = new Date((dayNumber(date) + days) * 86_400_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** `YYYY-MM-DD`. */
export function isoDate(date: OracleDate): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.y}-${pad(date.m)}-${pad(date.d)}`;
}

/**
 * The position of a date on a calendar of 30-day months, a month's last day read as its 30th (30E/360),
 * except a last day no later than the billing anchor day (28 February under an anchor on the 28th to the
 * 31st), which is the period boundary that stands for the anchor day and reads as it, at most the 30th
 * (docs/time-rules.md: 29 January → 28 February is 30 days under an anchor on the 29th).
 */
function thirtyDayPosition(date: OracleDate, anchorDay: number | undefined): number {
  const lastDay = date.d === monthLength(date.y, date.m);
  const boundaryDay = anchorDay !== undefined && anchorDay >= date.d ? Math.min(anchorDay, 30) : 30;
  const day = lastDay ? boundaryDay : Math.min(date.d, 30);
  return date.y * 360 + (date.m - 1) * 30 + day;
}

/**
 * The share of `[partStart, partEnd)` in `[wholeStart, wholeEnd)` as [elapsed, total]: milliseconds
 * (`second`), local days (`day`) or days of 30-day months (`month_30_days`, which reads the billing
 * cycle's `anchorDay`: the day of the month its periods start on).
 */
export function shareOf(
  basis: "second" | "day" | "month_30_days",
  part: readonly [number, number],
  whole: readonly [number, number],
  zone: string,
  anchorDay?: number,
): [bigint, bigint] {
  if (basis === "second") return [BigInt(part[1] - part[0]), BigInt(whole[1] - whole[0])];
  const position = basis === "day" ? dayNumber : (date: OracleDate) => thirtyDayPosition(date, anchorDay);
  const span = ([start, end]: readonly [number, number]) =>
    BigInt(position(localDateOf(end, zone)) - position(localDateOf(start, zone)));
  return [span(part), span(whole)];
}

/** Cents as text: -1234n → "-12.34". */
export function centsText(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}
