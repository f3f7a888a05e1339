import fc from "fast-check";
import type { Alignment, BillingCycle, Cadence, LocalDate } from "../../src/time/index.js";

/**
 * Shared fast-check generators for time. Instants are epoch milliseconds between 1990 and 2060;
 * zones include ones with DST at 02:00 (New York, London, Sydney), DST at midnight (São Paulo before
 * 2019, Havana), half-hour and 45-minute offsets (Kolkata, Chatham), and UTC.
 */

export const TIME_ZONES = [
  "UTC",
  "America/New_York",
  "Europe/London",
  "Australia/Sydney",
  "America/Sao_Paulo",
  "Asia/Kolkata",
  "Pacific/Chatham",
  "America/Havana",
] as const;

const CADENCES: ReadonlyArray<Cadence> = ["daily", "weekly", "monthly", "quarterly", "annual"];
const ALIGNMENTS: ReadonlyArray<Alignment> = ["calendar", "anniversary"];

const FIRST_INSTANT = Date.UTC(1990, 0, 1);
const LAST_INSTANT = Date.UTC(2061, 0, 1) - 1;

export const timeZoneArb: fc.Arbitrary<string> = fc.constantFrom(...TIME_ZONES);
const cadenceArb: fc.Arbitrary<Cadence> = fc.constantFrom(...CADENCES);
const alignmentArb: fc.Arbitrary<Alignment> = fc.constantFrom(...ALIGNMENTS);

/** An instant (epoch ms) in 1990–2060, millisecond resolution. */
export const instantArb: fc.Arbitrary<number> = fc
  .date({ min: new Date(FIRST_INSTANT), max: new Date(LAST_INSTANT), noInvalidDate: true })
  .map((date) => date.getTime());

/**
 * A billing cycle of any cadence and alignment in any of {@link TIME_ZONES}, its term starting in
 * 1990–2060; calendar cycles get an optional anchor day 1–31 and anchor month 1–12. Frozen.
 */
export const billingCycleArb: fc.Arbitrary<BillingCycle> = fc
  .record({
    cadence: cadenceArb,
    alignment: alignmentArb,
    timeZone: timeZoneArb,
    termStart: instantArb,
    anchorDay: fc.option(fc.integer({ min: 1, max: 31 }), { nil: undefined }),
    anchorMonth: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
  })
  .map(({ cadence, alignment, timeZone, termStart, anchorDay, anchorMonth }) => {
    const cycle: BillingCycle = {
      cadence,
      alignment,
      timeZone,
      termStart,
      ...(alignment === "calendar" && anchorDay !== undefined ? { anchorDay } : {}),
      ...(alignment === "calendar" && anchorMonth !== undefined ? { anchorMonth } : {}),
    };
    return Object.freeze(cycle);
  });

/** The calendar day before `date`, by civil arithmetic (no zone). */
export function previousDay(date: LocalDate): LocalDate {
  const utc = new Date(Date.UTC(date.year, date.month - 1, date.day - 1));
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
}
