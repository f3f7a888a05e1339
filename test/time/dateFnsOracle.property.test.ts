import { TZDate } from "@date-fns/tz";
import {
  addDays,
  addMonths,
  differenceInCalendarDays,
  getDaysInMonth,
  startOfDay,
  startOfISOWeek,
} from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundaryDate, boundaryInstant } from "../../src/time/billingCycle.js";
import {
  addLocalDays,
  addMonthsClamped,
  daysBetween,
  daysInMonth,
  type LocalDate,
} from "../../src/time/localDate.js";
import { TIME_ZONES } from "../_arbitraries/time.js";

// src/time does its civil-date arithmetic by hand on { year, month, day } records
// (docs/decisions/date-arithmetic.md says why: anchor days that a month lacks, and 50–150× the speed of
// date-fns on zoned dates). date-fns, run on TZDate in UTC so the machine's zone never enters, is the
// independent oracle: wherever its semantics are ours, the results must be the same dates.

const utc = (date: LocalDate) => new TZDate(date.year, date.month - 1, date.day, "UTC");
const asLocal = (date: Date): LocalDate => ({
  year: date.getFullYear(),
  month: date.getMonth() + 1,
  day: date.getDate(),
});
const dateArb = fc
  .record({
    year: fc.integer({ min: 1970, max: 2400 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .map((d) => ({ ...d, day: Math.min(d.day, daysInMonth(d.year, d.month)) }));

describe("civil-date arithmetic agrees with date-fns", () => {
  it("days in a month: getDaysInMonth, leap years included (1900 no, 2000 yes, 2024 yes, 2100 no)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1970, max: 2400 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        expect(daysInMonth(year, month)).toBe(getDaysInMonth(utc({ year, month, day: 1 })));
      }),
    );
    // February by hand: 2000 and 2024 are leap years, 2100 is not (divisible by 100, not by 400).
    expect([2000, 2024, 2100, 2026].map((year) => daysInMonth(year, 2))).toEqual([29, 29, 28, 28]);
  });

  it("adding days and counting them: addDays and differenceInCalendarDays", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -4000, max: 4000 }), (date, days) => {
        const ours = addLocalDays(date, days);
        expect(ours).toEqual(asLocal(addDays(utc(date), days)));
        expect(daysBetween(date, ours)).toBe(differenceInCalendarDays(utc(ours), utc(date)));
      }),
    );
  });

  it("weekly calendar boundaries fall on the Monday startOfISOWeek gives", () => {
    fc.assert(
      fc.property(dateArb, (date) => {
        const cycle = {
          cadence: "weekly",
          alignment: "calendar",
          timeZone: "UTC",
          termStart: Date.UTC(date.year, date.month - 1, date.day),
        } as const;
        expect(boundaryDate(cycle, 0)).toEqual(asLocal(startOfISOWeek(utc(date))));
      }),
    );
  });

  it("months from a real reference date: addMonths, so anchor 31 returns to 31 when the month has it", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -240, max: 240 }), (date, months) => {
        expect(addMonthsClamped(date.year, date.month, months, date.day)).toEqual(
          asLocal(addMonths(utc(date), months)),
        );
      }),
    );
    // Jan 31 + 1 month = Feb 28 (2026) and + 2 = Mar 31, each from January, not chained.
    expect(addMonthsClamped(2026, 1, 1, 31)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(addMonthsClamped(2026, 1, 2, 31)).toEqual({ year: 2026, month: 3, day: 31 });
  });

  it("differs from addMonths where ours must: an anchor day the reference month lacks", () => {
    // Quarterly from February, anchor day 31: the reference "February 31" is no date. Ours clamps it in
    // each target month (Feb 28, May 31); date-fns first rolls February 31 over to March 3.
    expect(addMonthsClamped(2026, 2, 0, 31)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(addMonthsClamped(2026, 2, 3, 31)).toEqual({ year: 2026, month: 5, day: 31 });
    expect(asLocal(new TZDate(2026, 1, 31, "UTC"))).toEqual({ year: 2026, month: 3, day: 3 });
  });

  it("boundaries are local midnight in the zone, across DST: startOfDay of addMonths on a TZDate", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TIME_ZONES),
        fc.integer({ min: 1990, max: 2060 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 120 }),
        (timeZone, year, anchorDay, n) => {
          const cycle = {
            cadence: "monthly",
            alignment: "calendar",
            timeZone,
            termStart: Date.UTC(year, 0, 15),
            anchorDay,
          } as const;
          const reference = boundaryDate(cycle, 0);
          const oracle = startOfDay(addMonths(new TZDate(reference.year, 0, anchorDay, timeZone), n));
          expect(boundaryInstant(cycle, n)).toBe(oracle.getTime());
        },
      ),
    );
  });
});
