import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addLocalDays,
  type LocalDate,
  parsePeriod,
  periodShorthand,
  startOfLocalDate,
} from "../../src/time/index.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";

const date = (year: number, month: number, day: number): LocalDate => ({ year, month, day });

describe("periodShorthand", () => {
  it("names a day, a calendar month, quarter and year, and nothing else", () => {
    expect(periodShorthand(date(2026, 2, 10), date(2026, 2, 11))).toBe("2026-02-10");
    expect(periodShorthand(date(2026, 12, 31), date(2027, 1, 1))).toBe("2026-12-31");
    expect(periodShorthand(date(2026, 12, 1), date(2027, 1, 1))).toBe("2026-12");
    expect(periodShorthand(date(2026, 10, 1), date(2027, 1, 1))).toBe("2026-Q4");
    expect(periodShorthand(date(2026, 1, 1), date(2027, 1, 1))).toBe("2026");
    // three months that are not a calendar quarter (February to May), two months, a month from the 15th
    expect(periodShorthand(date(2026, 2, 1), date(2026, 5, 1))).toBeUndefined();
    expect(periodShorthand(date(2026, 1, 1), date(2026, 3, 1))).toBeUndefined();
    expect(periodShorthand(date(2026, 1, 15), date(2026, 2, 15))).toBeUndefined();
    // a year from July
    expect(periodShorthand(date(2026, 7, 1), date(2027, 7, 1))).toBeUndefined();
  });

  it("parsePeriod reads the shorthand as the range of the same dates, in any zone", () => {
    const zones = ["UTC", "America/New_York", "Australia/Lord_Howe", "America/Santiago"];
    const pad = (n: number) => String(n).padStart(2, "0");
    const text = (d: LocalDate) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;
    fc.assert(
      fc.property(
        fc.integer({ min: 1970, max: 9998 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom(...zones),
        (year, month, day, length, zone) => {
          // Any span of days, and the day-1 spans of one month, three and twelve
          const from = length % 4 === 0 ? date(year, month, day) : date(year, month, 1);
          const months = [0, 1, 3, 12][length % 4]!;
          const to =
            months === 0
              ? addLocalDays(from, 1 + (length % 40))
              : date(year + Math.floor((month - 1 + months) / 12), ((month - 1 + months) % 12) + 1, 1);
          const shorthand = periodShorthand(from, to);
          if (shorthand === undefined) return;
          expect(parsePeriod(shorthand, zone)).toEqual(parsePeriod(`${text(from)}/${text(to)}`, zone));
        },
      ),
      { numRuns: fuzzRuns(200) },
    );
  });

  it("every text it gives reads back as the local midnights of its dates, in every zone and year", () => {
    // Stronger than the range above: every IANA zone the runtime knows (418 in Node 20, a midnight that
    // DST skips included: America/Santiago, Asia/Beirut), every year ratecard rates, and the text's
    // instants compared with the dates' local midnights themselves, so December 9999, whose end
    // (10000-01-01) no range text can write, is checked too.
    const zones = Intl.supportedValuesOf("timeZone");
    const span = fc
      .record({
        year: fc.integer({ min: 1970, max: 9999 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 31 }),
        kind: fc.constantFrom("day", "month", "quarter", "year"),
      })
      .map(({ year, month, day, kind }) => {
        const first = Math.min(day, new Date(Date.UTC(year, month, 0)).getUTCDate());
        if (kind === "day")
          return { from: date(year, month, first), to: addLocalDays(date(year, month, first), 1) };
        const start = kind === "month" ? month : kind === "quarter" ? month - ((month - 1) % 3) : 1;
        const months = kind === "month" ? 1 : kind === "quarter" ? 3 : 12;
        const after = start - 1 + months;
        return { from: date(year, start, 1), to: date(year + Math.floor(after / 12), (after % 12) + 1, 1) };
      });
    fc.assert(
      fc.property(span, fc.constantFrom(...zones), ({ from, to }, zone) => {
        const shorthand = periodShorthand(from, to);
        // Each of these spans has a shorthand: a day, a calendar month, quarter or year.
        expect(shorthand).toBeDefined();
        expect(parsePeriod(shorthand as string, zone)).toEqual({
          start: startOfLocalDate(from, zone),
          end: startOfLocalDate(to, zone),
        });
      }),
      { numRuns: fuzzRuns(400) },
    );
  });
});
