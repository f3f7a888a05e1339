import { TZDate } from "@date-fns/tz";
import { formatLocalDate } from "./localDate.js";

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** A local hour as a bucket of instants: [start, end), and its label (its first instant, local). */
export interface LocalHour {
  readonly label: string;
  readonly start: number;
  readonly end: number;
}

// What makes two instants one local hour: the date, the hour and the UTC offset on the clock.
interface WallHour {
  readonly key: string;
  readonly offsetMinutes: number;
}

function wallHourOf(instant: number, timeZone: string): WallHour {
  const local = new TZDate(instant, timeZone);
  // getTimezoneOffset is minutes behind UTC (300 in New York in winter): the offset's sign is the other way.
  const offsetMinutes = -local.getTimezoneOffset();
  const key = `${local.getFullYear()}-${local.getMonth()}-${local.getDate()}T${local.getHours()}${offsetMinutes}`;
  return { key, offsetMinutes };
}

// The first instant in (from, to] that passes `test`, where every instant after one that passes passes
// too: a bisection to the millisecond (22 steps in an hour), only in an hour the clocks change in.
function firstInstant(from: number, to: number, test: (instant: number) => boolean): number {
  let low = from;
  let high = to;
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (test(middle)) high = middle;
    else low = middle;
  }
  return high;
}

/**
 * The local hour `instant` falls in, in `timeZone`: its first and last instants and its label, the
 * local time of its first instant with its UTC offset (`2026-11-01T01:00-04:00`: the offset tells
 * apart the two 01:00 hours of a night the clocks go back). An hour is hh:00 to hh+1:00 on the clock,
 * cut where the clocks change inside it: on Lord Howe Island (a half-hour change) the clocks go from
 * 02:00+10:30 to 02:30+11:00 on the first Sunday of October, so that day's hour 02 is
 * `…T02:30+11:00`, 30 minutes long, and its hour 01 ends where it begins.
 */
export function localHour(instant: number, timeZone: string): LocalHour {
  const here = wallHourOf(instant, timeZone);
  const offsetMs = here.offsetMinutes * MINUTE_MS;
  const onTheHour = instant - ((((instant + offsetMs) % HOUR_MS) + HOUR_MS) % HOUR_MS);
  const inHour = (at: number) => wallHourOf(at, timeZone).key === here.key;
  const start = inHour(onTheHour) ? onTheHour : firstInstant(onTheHour, instant, inHour);
  const end = inHour(onTheHour + HOUR_MS - 1)
    ? onTheHour + HOUR_MS
    : firstInstant(instant, onTheHour + HOUR_MS - 1, (at) => !inHour(at));
  return { label: labelOf(start, timeZone), start, end };
}

function labelOf(start: number, timeZone: string): string {
  const local = new TZDate(start, timeZone);
  const date = formatLocalDate({
    year: local.getFullYear(),
    month: local.getMonth() + 1,
    day: local.getDate(),
  });
  const two = (n: number) => String(n).padStart(2, "0");
  const offset = -local.getTimezoneOffset();
  const sign = offset < 0 ? "-" : "+";
  const minutes = Math.abs(offset);
  return `${date}T${two(local.getHours())}:${two(local.getMinutes())}${sign}${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
}
