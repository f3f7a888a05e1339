import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/index.js";
import {
  type BillingCycle,
  boundaryDate,
  boundaryInstant,
  formatInstant,
  formatLocalDate,
  nthPeriod,
  type Period,
  parseInstant,
  periodIndexOf,
  periodOf,
  periodsBetween,
} from "../../src/time/index.js";
import { thrown } from "../_support/thrown.js";

const NEW_YORK = "America/New_York";
const HOUR = 3_600_000;

const text = (period: Period) => ({ start: formatInstant(period.start), end: formatInstant(period.end) });
const dates = (cycle: BillingCycle, from: number, to: number) => {
  const out: string[] = [];
  for (let n = from; n <= to; n += 1) out.push(formatLocalDate(boundaryDate(cycle, n)));
  return out;
};
const at = parseInstant;

function cycle(overrides: Partial<BillingCycle> & Pick<BillingCycle, "cadence">): BillingCycle {
  return {
    alignment: "calendar",
    timeZone: "UTC",
    termStart: at("2026-01-15T00:00:00Z"),
    ...overrides,
  };
}

describe("monthly, calendar, anchor day 31 in New York", () => {
  const monthly31 = cycle({
    cadence: "monthly",
    anchorDay: 31,
    timeZone: NEW_YORK,
    termStart: at("2026-01-15T00:00:00-05:00"),
  });

  it("clamps anchor day 31 to February 28 and returns to March 31", () => {
    // 2026 is not a leap year: Jan 31 → Feb 28 (clamped) → Mar 31 → Apr 30 (clamped) → May 31.
    expect(dates(monthly31, 0, 4)).toEqual([
      "2026-01-31",
      "2026-02-28",
      "2026-03-31",
      "2026-04-30",
      "2026-05-31",
    ]);
  });

  it("clamps to February 29 in a leap year", () => {
    // Boundary 25 is 25 months after January 2026: February 2028, which has 29 days.
    expect(formatLocalDate(boundaryDate(monthly31, 25))).toBe("2028-02-29");
    // …and boundary 26 is back on March 31.
    expect(formatLocalDate(boundaryDate(monthly31, 26))).toBe("2028-03-31");
  });

  it("counts boundaries before the reference month too", () => {
    // Boundary −1 is December 2025 (31 days), −2 is November 2025 (30 days, clamped).
    expect(dates(monthly31, -2, -1)).toEqual(["2025-11-30", "2025-12-31"]);
  });

  it("puts every boundary at local midnight, EST or EDT", () => {
    // Feb 28 00:00 EST (−05:00) = 05:00Z; Mar 31 00:00 EDT (−04:00, DST since Mar 8) = 04:00Z.
    expect(text(nthPeriod(monthly31, 1))).toEqual({
      start: "2026-02-28T05:00:00.000Z",
      end: "2026-03-31T04:00:00.000Z",
    });
    expect(formatInstant(boundaryInstant(monthly31, 3))).toBe("2026-04-30T04:00:00.000Z");
  });

  it("finds the period containing an instant on February 10", () => {
    // Feb 10 lies between the Jan 31 and Feb 28 boundaries, both at 00:00 EST = 05:00Z.
    expect(text(periodOf(monthly31, at("2026-02-10T12:00:00Z")))).toEqual({
      start: "2026-01-31T05:00:00.000Z",
      end: "2026-02-28T05:00:00.000Z",
    });
  });

  it("puts the term start (January 15) in the period that began on December 31", () => {
    // Jan 15 is before the Jan 31 boundary, so its period is [Dec 31, Jan 31), both 00:00 EST.
    expect(text(periodOf(monthly31, monthly31.termStart))).toEqual({
      start: "2025-12-31T05:00:00.000Z",
      end: "2026-01-31T05:00:00.000Z",
    });
  });

  it("puts a boundary instant in the period it starts, not the one it ends", () => {
    const feb28 = at("2026-02-28T00:00:00-05:00");
    // Half-open: Feb 28 00:00 local is the start of period 1.
    expect(periodIndexOf(monthly31, feb28)).toBe(1);
    // One millisecond earlier is still period 0.
    expect(periodIndexOf(monthly31, feb28 - 1)).toBe(0);
  });

  it("lists the billing periods overlapping a range, whole", () => {
    // [Feb 10, Apr 5) overlaps [Jan 31, Feb 28), [Feb 28, Mar 31), [Mar 31, Apr 30).
    const periods = periodsBetween(monthly31, at("2026-02-10T00:00:00Z"), at("2026-04-05T00:00:00Z"));
    expect(periods.map(text)).toEqual([
      { start: "2026-01-31T05:00:00.000Z", end: "2026-02-28T05:00:00.000Z" },
      { start: "2026-02-28T05:00:00.000Z", end: "2026-03-31T04:00:00.000Z" },
      { start: "2026-03-31T04:00:00.000Z", end: "2026-04-30T04:00:00.000Z" },
    ]);
  });

  it("lists one period for a range ending exactly on a boundary", () => {
    // [Feb 28 00:00, Mar 31 00:00) local is exactly period 1; its end is excluded.
    const periods = periodsBetween(monthly31, at("2026-02-28T05:00:00Z"), at("2026-03-31T04:00:00Z"));
    expect(periods.map(text)).toEqual([
      { start: "2026-02-28T05:00:00.000Z", end: "2026-03-31T04:00:00.000Z" },
    ]);
  });

  it("refuses a range whose end is not after its start", () => {
    const t = at("2026-02-10T00:00:00Z");
    expect(thrown(() => periodsBetween(monthly31, t, t))).toBeInstanceOf(InputError);
    expect(thrown(() => periodsBetween(monthly31, t, t - 1))).toMatchObject({ code: "invalid_period" });
  });
});

describe("monthly, calendar, other anchors", () => {
  it("clamps anchor day 30 to February 28, and to February 29 in 2028", () => {
    const monthly30 = cycle({ cadence: "monthly", anchorDay: 30 });
    // Jan 30 → Feb 28 (clamped) → Mar 30; 25 months later is February 2028 → Feb 29.
    expect(dates(monthly30, 0, 2)).toEqual(["2026-01-30", "2026-02-28", "2026-03-30"]);
    expect(formatLocalDate(boundaryDate(monthly30, 25))).toBe("2028-02-29");
  });

  it("defaults to anchor day 1", () => {
    const monthly = cycle({ cadence: "monthly" });
    expect(dates(monthly, 0, 2)).toEqual(["2026-01-01", "2026-02-01", "2026-03-01"]);
  });
});

describe("quarterly", () => {
  it("starts calendar quarters in January, April, July and October", () => {
    const quarterly = cycle({ cadence: "quarterly", termStart: at("2026-05-10T00:00:00Z") });
    expect(dates(quarterly, 0, 4)).toEqual([
      "2026-01-01",
      "2026-04-01",
      "2026-07-01",
      "2026-10-01",
      "2027-01-01",
    ]);
    // May 10 is in the second quarter, [Apr 1, Jul 1).
    expect(text(periodOf(quarterly, at("2026-05-10T12:00:00Z")))).toEqual({
      start: "2026-04-01T00:00:00.000Z",
      end: "2026-07-01T00:00:00.000Z",
    });
  });

  it("starts quarters in February, May, August and November with anchorMonth 2", () => {
    const quarterly = cycle({ cadence: "quarterly", anchorMonth: 2 });
    expect(dates(quarterly, 0, 4)).toEqual([
      "2026-02-01",
      "2026-05-01",
      "2026-08-01",
      "2026-11-01",
      "2027-02-01",
    ]);
    // Jan 15, 2026 is before Feb 1, so it is in the quarter [Nov 1, 2025, Feb 1, 2026).
    expect(text(periodOf(quarterly, at("2026-01-15T00:00:00Z")))).toEqual({
      start: "2025-11-01T00:00:00.000Z",
      end: "2026-02-01T00:00:00.000Z",
    });
  });

  it("clamps a quarterly anchor day 31 to the end of 30-day months", () => {
    const quarterly = cycle({ cadence: "quarterly", anchorDay: 31 });
    // Jan 31, Apr 30 (clamped), Jul 31, Oct 31.
    expect(dates(quarterly, 0, 3)).toEqual(["2026-01-31", "2026-04-30", "2026-07-31", "2026-10-31"]);
  });
});

describe("annual", () => {
  it("runs calendar years from January 1", () => {
    const annual = cycle({ cadence: "annual", termStart: at("2026-03-15T00:00:00Z") });
    expect(text(periodOf(annual, annual.termStart))).toEqual({
      start: "2026-01-01T00:00:00.000Z",
      end: "2027-01-01T00:00:00.000Z",
    });
  });

  it("runs years from April with anchorMonth 4", () => {
    const annual = cycle({ cadence: "annual", anchorMonth: 4, termStart: at("2026-03-15T00:00:00Z") });
    // March 15, 2026 is before April 1, 2026: in the year [Apr 1, 2025, Apr 1, 2026).
    expect(text(periodOf(annual, annual.termStart))).toEqual({
      start: "2025-04-01T00:00:00.000Z",
      end: "2026-04-01T00:00:00.000Z",
    });
  });

  it("keeps a February 29 anchor on Feb 28 in common years and Feb 29 in leap years", () => {
    const annual = cycle({ cadence: "annual", anchorMonth: 2, anchorDay: 29 });
    // 2026, 2027 common → Feb 28; 2028 leap → Feb 29; 2029 common → Feb 28.
    expect(dates(annual, 0, 3)).toEqual(["2026-02-28", "2027-02-28", "2028-02-29", "2029-02-28"]);
  });
});

describe("weekly", () => {
  it("runs calendar weeks from Monday, and a week across the DST change lasts 167 hours", () => {
    // 2026-03-04 is a Wednesday (Jan 1, 2026 is a Thursday; Mar 1 = Jan 1 + 59 days = Sunday).
    const weekly = cycle({
      cadence: "weekly",
      timeZone: NEW_YORK,
      termStart: at("2026-03-04T12:00:00-05:00"),
    });
    const period = periodOf(weekly, weekly.termStart);
    // Monday Mar 2 00:00 EST = 05:00Z → Monday Mar 9 00:00 EDT = 04:00Z.
    expect(text(period)).toEqual({ start: "2026-03-02T05:00:00.000Z", end: "2026-03-09T04:00:00.000Z" });
    // 7 × 24 h − 1 h (the hour skipped on Mar 8) = 167 h.
    expect(period.end - period.start).toBe(167 * HOUR);
  });

  it("runs anniversary weeks from the term start's weekday", () => {
    const weekly = cycle({
      cadence: "weekly",
      alignment: "anniversary",
      timeZone: NEW_YORK,
      termStart: at("2026-03-04T00:00:00-05:00"),
    });
    // Wednesday to Wednesday: Mar 4, Mar 11, Mar 18.
    expect(dates(weekly, 0, 2)).toEqual(["2026-03-04", "2026-03-11", "2026-03-18"]);
    // Mar 4 00:00 EST = 05:00Z; Mar 11 00:00 EDT = 04:00Z.
    expect(text(nthPeriod(weekly, 0))).toEqual({
      start: "2026-03-04T05:00:00.000Z",
      end: "2026-03-11T04:00:00.000Z",
    });
  });
});

describe("daily", () => {
  const daily = cycle({ cadence: "daily", timeZone: NEW_YORK, termStart: at("2026-03-01T00:00:00-05:00") });

  it("makes March 8, 2026 in New York a 23-hour day", () => {
    // 12:00Z on Mar 8 is 08:00 EDT. The day runs 00:00 EST (05:00Z) to Mar 9 00:00 EDT (04:00Z).
    const period = periodOf(daily, at("2026-03-08T12:00:00Z"));
    expect(text(period)).toEqual({ start: "2026-03-08T05:00:00.000Z", end: "2026-03-09T04:00:00.000Z" });
    // 02:00 → 03:00 is skipped: 24 − 1 = 23 h = 82,800,000 ms.
    expect(period.end - period.start).toBe(82_800_000);
  });

  it("makes November 1, 2026 in New York a 25-hour day", () => {
    // 12:00Z on Nov 1 is 07:00 EST. The day runs 00:00 EDT (04:00Z) to Nov 2 00:00 EST (05:00Z).
    const period = periodOf(daily, at("2026-11-01T12:00:00Z"));
    expect(text(period)).toEqual({ start: "2026-11-01T04:00:00.000Z", end: "2026-11-02T05:00:00.000Z" });
    // 01:00 → 02:00 happens twice: 24 + 1 = 25 h = 90,000,000 ms.
    expect(period.end - period.start).toBe(90_000_000);
  });

  it("lists the days around the DST change with no gap", () => {
    // [Mar 7 00:00 EST, Mar 10 00:00 EDT) holds the days Mar 7 (24 h), Mar 8 (23 h), Mar 9 (24 h).
    const periods = periodsBetween(daily, at("2026-03-07T05:00:00Z"), at("2026-03-10T04:00:00Z"));
    expect(periods.map(text)).toEqual([
      { start: "2026-03-07T05:00:00.000Z", end: "2026-03-08T05:00:00.000Z" },
      { start: "2026-03-08T05:00:00.000Z", end: "2026-03-09T04:00:00.000Z" },
      { start: "2026-03-09T04:00:00.000Z", end: "2026-03-10T04:00:00.000Z" },
    ]);
  });

  it("starts a day at 01:00 where midnight does not exist (São Paulo, November 4, 2018)", () => {
    // Brazil's DST began at 00:00 on 2018-11-04: clocks jumped to 01:00 (−02:00).
    // The day's first instant is 01:00 −02:00 = 03:00Z; it ends at Nov 5 00:00 −02:00 = 02:00Z: 23 h.
    const saoPaulo = cycle({
      cadence: "daily",
      timeZone: "America/Sao_Paulo",
      termStart: at("2018-11-01T12:00:00Z"),
    });
    const period = periodOf(saoPaulo, at("2018-11-04T15:00:00Z"));
    expect(text(period)).toEqual({ start: "2018-11-04T03:00:00.000Z", end: "2018-11-05T02:00:00.000Z" });
    expect(period.end - period.start).toBe(23 * HOUR);
  });

  it("makes February 16, 2019 in São Paulo a 25-hour day", () => {
    // DST ended at 00:00 on 2019-02-17 (clocks back to 23:00 on the 16th).
    // Feb 16 00:00 −02:00 = 02:00Z to Feb 17 00:00 −03:00 = 03:00Z: 25 h.
    const saoPaulo = cycle({
      cadence: "daily",
      timeZone: "America/Sao_Paulo",
      termStart: at("2019-02-01T12:00:00Z"),
    });
    const period = periodOf(saoPaulo, at("2019-02-16T12:00:00Z"));
    expect(text(period)).toEqual({ start: "2019-02-16T02:00:00.000Z", end: "2019-02-17T03:00:00.000Z" });
  });
});

describe("anniversary monthly", () => {
  it("bills from a January 31 term start on the last day of shorter months and returns to the 31st", () => {
    const monthly = cycle({
      cadence: "monthly",
      alignment: "anniversary",
      timeZone: NEW_YORK,
      termStart: at("2026-01-31T00:00:00-05:00"),
    });
    // Jan 31 → Feb 28 → Mar 31 → Apr 30 → May 31.
    expect(dates(monthly, 0, 4)).toEqual([
      "2026-01-31",
      "2026-02-28",
      "2026-03-31",
      "2026-04-30",
      "2026-05-31",
    ]);
    // The term start is the start of period 0.
    expect(periodOf(monthly, monthly.termStart).start).toBe(monthly.termStart);
  });

  it("anchors on the local date of a term start in the middle of the day", () => {
    // 2026-03-15T15:00 New York is still March 15 locally; periods run 15th to 15th from midnight.
    const monthly = cycle({
      cadence: "monthly",
      alignment: "anniversary",
      timeZone: NEW_YORK,
      termStart: at("2026-03-15T15:00:00-04:00"),
    });
    // Apr 20 is in [Apr 15, May 15), both 00:00 EDT = 04:00Z.
    expect(text(periodOf(monthly, at("2026-04-20T00:00:00Z")))).toEqual({
      start: "2026-04-15T04:00:00.000Z",
      end: "2026-05-15T04:00:00.000Z",
    });
  });
});

describe("zones", () => {
  it("ends March in London at 23:00 UTC on March 31 (BST from March 29)", () => {
    const monthly = cycle({ cadence: "monthly", timeZone: "Europe/London" });
    // Mar 1 00:00 GMT = 00:00Z; Apr 1 00:00 BST (+01:00) = Mar 31 23:00Z.
    expect(text(periodOf(monthly, at("2026-03-15T12:00:00Z")))).toEqual({
      start: "2026-03-01T00:00:00.000Z",
      end: "2026-03-31T23:00:00.000Z",
    });
  });

  it("makes March 29, 2026 in London a 23-hour day", () => {
    const daily = cycle({ cadence: "daily", timeZone: "Europe/London" });
    // Mar 29 00:00 GMT = 00:00Z; Mar 30 00:00 BST = Mar 29 23:00Z.
    expect(text(periodOf(daily, at("2026-03-29T12:00:00Z")))).toEqual({
      start: "2026-03-29T00:00:00.000Z",
      end: "2026-03-29T23:00:00.000Z",
    });
  });

  it("starts February in Kolkata at 18:30 UTC the day before", () => {
    const monthly = cycle({ cadence: "monthly", timeZone: "Asia/Kolkata" });
    // +05:30 all year: Feb 1 00:00 local = Jan 31 18:30Z; Mar 1 00:00 local = Feb 28 18:30Z.
    expect(text(periodOf(monthly, at("2026-02-10T00:00:00Z")))).toEqual({
      start: "2026-01-31T18:30:00.000Z",
      end: "2026-02-28T18:30:00.000Z",
    });
  });

  it("starts February in Chatham at 10:15 UTC the day before (+13:45 in summer)", () => {
    const monthly = cycle({ cadence: "monthly", timeZone: "Pacific/Chatham" });
    // February is daylight time, +13:45: Feb 1 00:00 local = Jan 31 10:15Z; Mar 1 00:00 = Feb 28 10:15Z.
    expect(text(periodOf(monthly, at("2026-02-10T00:00:00Z")))).toEqual({
      start: "2026-01-31T10:15:00.000Z",
      end: "2026-02-28T10:15:00.000Z",
    });
  });

  it("makes April 5, 2026 in Chatham a 25-hour day (+13:45 to +12:45)", () => {
    const daily = cycle({ cadence: "daily", timeZone: "Pacific/Chatham" });
    // Apr 5 00:00 +13:45 = Apr 4 10:15Z; Apr 6 00:00 +12:45 = Apr 5 11:15Z: 25 h.
    const period = periodOf(daily, at("2026-04-05T00:00:00Z"));
    expect(text(period)).toEqual({ start: "2026-04-04T10:15:00.000Z", end: "2026-04-05T11:15:00.000Z" });
    expect(period.end - period.start).toBe(25 * HOUR);
  });

  it("makes April 5, 2026 in Sydney a 25-hour day (+11:00 to +10:00)", () => {
    const daily = cycle({ cadence: "daily", timeZone: "Australia/Sydney" });
    // Apr 5 00:00 +11:00 = Apr 4 13:00Z; Apr 6 00:00 +10:00 = Apr 5 14:00Z.
    expect(text(periodOf(daily, at("2026-04-05T00:00:00Z")))).toEqual({
      start: "2026-04-04T13:00:00.000Z",
      end: "2026-04-05T14:00:00.000Z",
    });
  });
});
