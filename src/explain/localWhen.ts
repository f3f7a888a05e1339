import { formatLocalDate, formatLocalWhen, parseInstant, toLocalDate } from "../time/index.js";

/**
 * An instant as the invoice's reader dates it: the local date in `timeZone` when it is that date's
 * midnight ("2026-04-21"), else the local date and time ("2026-04-21 14:30"); the instant as written
 * when no zone is given. 2026-03-31T22:00:00.000Z is "2026-04-01" in Europe/Berlin, not 31 March.
 */
export function localWhen(instant: string, timeZone: string | undefined): string {
  return timeZone === undefined ? instant : formatLocalWhen(instant, timeZone);
}

/**
 * The two ends of an invoice's period as its header reads them: local dates, with the local time on an
 * end that is not local midnight (a term from 12:00 on 8 March, or to 01:30 on 1 November), so the
 * header says the stretch the lines were prorated for. Its `label` has dates only, and read
 * "2026-11-01 to 2026-11-01" for the 2.5 hours of a term ending at 01:30 on 1 November.
 */
export function periodEnds(period: {
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
}): readonly [string, string] {
  return [localWhen(period.start, period.timeZone), localWhen(period.end, period.timeZone)];
}

/**
 * "2026-03-17 to 2026-04-01": the local dates of a stretch inside the period (a discount in force, a
 * pool's or a commitment's size for part of it), in the invoice's zone.
 */
export function datesWords(
  stretch: { readonly start: string; readonly end: string },
  timeZone: string,
): string {
  const date = (instant: string) => formatLocalDate(toLocalDate(parseInstant(instant), timeZone));
  return `${date(stretch.start)} to ${date(stretch.end)}`;
}
