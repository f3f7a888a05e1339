import { parseInstant } from "./instant.js";
import { formatLocalDate, startOfLocalDate, toLocalDate } from "./localDate.js";
import { minuteOfDay } from "./minuteOfDay.js";

/**
 * An instant as the invoice's reader dates it: the local date in `timeZone` when it is that date's
 * midnight ("2026-04-21"), else the local date and time ("2026-04-21 14:30").
 * 2026-03-31T22:00:00.000Z is "2026-04-01" in Europe/Berlin, not 31 March.
 */
export function formatLocalWhen(instant: string, timeZone: string): string {
  const at = parseInstant(instant);
  const date = toLocalDate(at, timeZone);
  if (startOfLocalDate(date, timeZone) === at) return formatLocalDate(date);
  const minutes = minuteOfDay(at, timeZone);
  const clock = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  return `${formatLocalDate(date)} ${clock}`;
}
