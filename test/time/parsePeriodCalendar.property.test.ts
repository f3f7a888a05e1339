import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/time/index.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";

// The named periods tile the calendar, in any zone: a year is its four quarters end to end, a quarter
// its three months, a month its days. Each is compared with the range of dates that names it, the
// form that was there first (parsePeriod("2026-Q1") equals parsePeriod("2026-01-01/2026-04-01")).
const ZONES = [
  "UTC",
  "America/New_York",
  "Asia/Kolkata",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
  "America/Santiago",
];
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

describe("parsePeriod: days, quarters and years tile the calendar", () => {
  it("a year is its quarters end to end; a quarter is the range of its three months", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1970, max: 9998 }), fc.constantFrom(...ZONES), (year, zone) => {
        const quarters = [1, 2, 3, 4].map((q) => parsePeriod(`${year}-Q${q}`, zone));
        const whole = parsePeriod(String(year), zone);
        expect(quarters[0]!.start).toBe(whole.start);
        expect(quarters[3]!.end).toBe(whole.end);
        for (let q = 1; q < 4; q += 1) expect(quarters[q]!.start).toBe(quarters[q - 1]!.end);
        quarters.forEach((quarter, index) => {
          const first = index * 3 + 1;
          expect(quarter.start).toBe(parsePeriod(`${year}-${pad(first)}`, zone).start);
          expect(quarter.end).toBe(parsePeriod(`${year}-${pad(first + 2)}`, zone).end);
        });
        expect(whole).toEqual(parsePeriod(`${year}-01-01/${year + 1}-01-01`, zone));
      }),
      { numRuns: fuzzRuns(100) },
    );
  });

  it("a month is its days end to end, each day the range of one date to the next", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1970, max: 9998 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(...ZONES),
        (year, month, zone) => {
          const whole = parsePeriod(`${year}-${pad(month)}`, zone);
          const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
          let at = whole.start;
          for (let day = 1; day <= days; day += 1) {
            const one = parsePeriod(`${year}-${pad(month)}-${pad(day)}`, zone);
            expect(one.start).toBe(at);
            expect(one.end).toBeGreaterThan(one.start);
            at = one.end;
          }
          expect(at).toBe(whole.end);
        },
      ),
      { numRuns: fuzzRuns(50) },
    );
  });
});
