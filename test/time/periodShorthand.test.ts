import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addLocalDays, type LocalDate, parsePeriod, periodShorthand } from "../../src/time/index.js";
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
});
