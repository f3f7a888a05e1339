import { TZDate } from "@date-fns/tz";

/**
 * The minute of the local day `instant` falls in, in `timeZone`: 0 at midnight, 1,439 at 23:59
 * (`2026-03-02T08:30:00Z` in UTC → 510). Time-of-day buckets (peak 08:00–20:00) are read by it.
 */
export function minuteOfDay(instant: number, timeZone: string): number {
  const local = new TZDate(instant, timeZone);
  return local.getHours() * 60 + local.getMinutes();
}
