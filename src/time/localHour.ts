import { TZDate } from "@date-fns/tz";
import { formatLocalDate } from "./localDate.js";

/**
 * The local hour `instant` falls in, in `timeZone`, written with its UTC offset
 * (`2026-11-01T01:00-04:00`): the offset tells apart the two 01:00 hours of a night the clocks go back.
 */
export function localHourLabel(instant: number, timeZone: string): string {
  const local = new TZDate(instant, timeZone);
  const date = formatLocalDate({
    year: local.getFullYear(),
    month: local.getMonth() + 1,
    day: local.getDate(),
  });
  const hour = String(local.getHours()).padStart(2, "0");
  // getTimezoneOffset is minutes behind UTC (300 in New York in winter): the offset's sign is the other way.
  const offset = -local.getTimezoneOffset();
  const sign = offset < 0 ? "-" : "+";
  const minutes = Math.abs(offset);
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `${date}T${hour}:00${sign}${hh}:${mm}`;
}
