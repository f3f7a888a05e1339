import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BillingCycle,
  boundaryDate,
  boundaryInstant,
  isInPeriod,
  nthPeriod,
  periodIndexOf,
  periodOf,
  periodsBetween,
  toLocalDate,
} from "../../src/time/index.js";
import { billingCycleArb, instantArb, previousDay, timeZoneArb } from "../_arbitraries/time.js";

const DAY = 86_400_000;
// A range length from one millisecond to about 400 days.
const rangeLengthArb = fc
  .integer({ min: 1, max: 400 * 24 * 60 })
  .chain((minutes) => fc.integer({ min: 0, max: 59_999 }).map((ms) => Math.max(1, minutes * 60_000 - ms)));

describe("billing cycles (laws)", () => {
  it("tiles time: period n ends exactly where period n+1 starts, and each is non-empty", () => {
    fc.assert(
      fc.property(billingCycleArb, instantArb, fc.integer({ min: -3, max: 3 }), (cycle, instant, offset) => {
        const n = periodIndexOf(cycle, instant) + offset;
        const current = nthPeriod(cycle, n);
        const next = nthPeriod(cycle, n + 1);
        expect(current.start).toBeLessThan(current.end);
        expect(current.end).toBe(next.start);
      }),
    );
  });

  it("puts every boundary at the first instant of its local day", () => {
    fc.assert(
      fc.property(billingCycleArb, instantArb, fc.integer({ min: -2, max: 2 }), (cycle, instant, offset) => {
        const n = periodIndexOf(cycle, instant) + offset;
        const date = boundaryDate(cycle, n);
        const boundary = boundaryInstant(cycle, n);
        // The boundary falls on its date, and the millisecond before it is on the day before:
        // that is local midnight, or the first instant after it when midnight is skipped by DST.
        expect(toLocalDate(boundary, cycle.timeZone)).toEqual(date);
        expect(toLocalDate(boundary - 1, cycle.timeZone)).toEqual(previousDay(date));
      }),
    );
  });

  it("keeps the anchor day, clamped to the month's length, for calendar monthly cycles", () => {
    fc.assert(
      fc.property(
        timeZoneArb,
        instantArb,
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: -30, max: 30 }),
        (timeZone, termStart, anchorDay, n) => {
          const cycle: BillingCycle = {
            cadence: "monthly",
            alignment: "calendar",
            timeZone,
            termStart,
            anchorDay,
          };
          const date = boundaryDate(cycle, n);
          const monthLength = new Date(Date.UTC(date.year, date.month, 0)).getUTCDate();
          expect(date.day).toBe(Math.min(anchorDay, monthLength));
        },
      ),
    );
  });

  it("makes daily periods 23 to 25 hours long and weekly periods 7 days ± 1 hour", () => {
    fc.assert(
      fc.property(billingCycleArb, instantArb, (cycle, instant) => {
        fc.pre(cycle.cadence === "daily" || cycle.cadence === "weekly");
        const period = periodOf(cycle, instant);
        const days = cycle.cadence === "daily" ? 1 : 7;
        // DST moves a day by at most an hour in these zones (Chatham too: 13:45 ↔ 12:45).
        expect(Math.abs(period.end - period.start - days * DAY)).toBeLessThanOrEqual(3_600_000);
      }),
    );
  });

  it("finds a period that contains the instant", () => {
    fc.assert(
      fc.property(billingCycleArb, instantArb, (cycle, instant) => {
        const period = periodOf(cycle, instant);
        expect(isInPeriod(period, instant)).toBe(true);
        expect(period).toEqual(nthPeriod(cycle, periodIndexOf(cycle, instant)));
      }),
    );
  });

  it("covers [from, to) with consecutive periods, each overlapping the range", () => {
    fc.assert(
      fc.property(billingCycleArb, instantArb, rangeLengthArb, (cycle, from, length) => {
        const to = from + length;
        const periods = periodsBetween(cycle, from, to);
        expect(periods.length).toBeGreaterThan(0);
        expect(periods[0]!.start).toBeLessThanOrEqual(from);
        expect(periods.at(-1)!.end).toBeGreaterThanOrEqual(to);
        periods.forEach((period, index) => {
          expect(period.start).toBeLessThan(to);
          expect(period.end).toBeGreaterThan(from);
          if (index > 0) expect(periods[index - 1]!.end).toBe(period.start);
        });
      }),
    );
  });

  it("is deterministic and leaves the cycle unchanged (frozen input)", () => {
    fc.assert(
      fc.property(billingCycleArb, instantArb, (cycle, instant) => {
        expect(periodOf(cycle, instant)).toEqual(periodOf(cycle, instant));
      }),
    );
  });
});
