import { formatLocalWhen } from "../time/index.js";

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
 * pool's or a commitment's size for part of it, a piece of a split line), in the invoice's zone, with
 * the local time on an end that is not local midnight, as {@link periodEnds} writes the period's: a
 * piece ending at 02:30 on 29 March read "2026-03-29 to 2026-03-29", now "2026-03-29 to 2026-03-29 02:30".
 */
export function datesWords(
  stretch: { readonly start: string; readonly end: string },
  timeZone: string,
): string {
  return `${localWhen(stretch.start, timeZone)} to ${localWhen(stretch.end, timeZone)}`;
}
