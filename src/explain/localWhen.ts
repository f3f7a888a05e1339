import { formatLocalDate, minuteOfDay, parseInstant, startOfLocalDate, toLocalDate } from "../time/index.js";

/**
 * An instant as the invoice's reader dates it: the local date in `timeZone` when it is that date's
 * midnight ("2026-04-21"), else the local date and time ("2026-04-21 14:30"); the instant as written
 * when no zone is given. 2026-03-31T22:00:00.000Z is "2026-04-01" in Europe/Berlin, not 31 March.
 */
export function localWhen(instant: string, timeZone: string | undefined): string {
  if (timeZone === undefined) return instant;
  const at = parseInstant(instant);
  const date = toLocalDate(at, timeZone);
  if (startOfLocalDate(date, timeZone) === at) return formatLocalDate(date);
  const minutes = minuteOfDay(at, timeZone);
  const clock = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  return `${formatLocalDate(date)} ${clock}`;
}
