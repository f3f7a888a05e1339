import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/index.js";
import { formatInstant, type Period, parsePeriod } from "../../src/time/index.js";
import { thrown } from "../_support/thrown.js";

const text = (period: Period) => ({ start: formatInstant(period.start), end: formatInstant(period.end) });

describe("parsePeriod", () => {
  it("reads a month in New York as local midnight to local midnight", () => {
    // Feb 1 00:00 EST (−05:00) = 05:00Z; Mar 1 00:00 is still EST (DST starts Mar 8) = 05:00Z.
    expect(text(parsePeriod("2026-02", "America/New_York"))).toEqual({
      start: "2026-02-01T05:00:00.000Z",
      end: "2026-03-01T05:00:00.000Z",
    });
  });

  it("reads a month that spans the start of DST in New York", () => {
    // Mar 1 00:00 EST = 05:00Z; Apr 1 00:00 EDT (−04:00) = 04:00Z: 31 days less one hour.
    expect(text(parsePeriod("2026-03", "America/New_York"))).toEqual({
      start: "2026-03-01T05:00:00.000Z",
      end: "2026-04-01T04:00:00.000Z",
    });
  });

  it("reads December as ending on January 1 of the next year", () => {
    expect(text(parsePeriod("2026-12", "UTC"))).toEqual({
      start: "2026-12-01T00:00:00.000Z",
      end: "2027-01-01T00:00:00.000Z",
    });
  });

  it("reads a range of dates, excluding the second date", () => {
    expect(text(parsePeriod("2026-02-01/2026-03-01", "UTC"))).toEqual({
      start: "2026-02-01T00:00:00.000Z",
      end: "2026-03-01T00:00:00.000Z",
    });
  });

  it("reads a range in the given zone", () => {
    // Kolkata is +05:30: Feb 15 00:00 local = Feb 14 18:30Z; Feb 16 00:00 local = Feb 15 18:30Z.
    expect(text(parsePeriod("2026-02-15/2026-02-16", "Asia/Kolkata"))).toEqual({
      start: "2026-02-14T18:30:00.000Z",
      end: "2026-02-15T18:30:00.000Z",
    });
  });

  it("reads a range that ends on February 29 of a leap year", () => {
    expect(text(parsePeriod("2028-02-01/2028-02-29", "UTC"))).toEqual({
      start: "2028-02-01T00:00:00.000Z",
      end: "2028-02-29T00:00:00.000Z",
    });
  });

  it.each([
    ["2026-13", "month 13"],
    ["2026-00", "month 0"],
    ["2026-2", "a one-digit month"],
    ["2026-02-30/2026-03-01", "February 30"],
    ["2026-02-01/2026-02-30", "February 30 as the end"],
    ["2026-02-01/", "a range without an end"],
    ["2026-02-01/2026-03-01/2026-04-01", "three dates"],
    ["2026-02-30", "a single date that is not one"],
    ["2026-Q0", "quarter 0"],
    ["2026-Q5", "quarter 5"],
    ["2026-W07", "an ISO week (weekly contracts start on their own day: a range says which)"],
    ["0026", "a year outside 1970–9999"],
    ["20260", "five digits"],
    ["February 2026", "words"],
    ["", "the empty string"],
  ])("rejects %j (%s) with invalid_period", (input) => {
    const error = thrown(() => parsePeriod(input, "UTC"));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "invalid_period", path: "period" });
  });

  // Until 7 December 2026 (session 43) a day, a quarter and a year were "not understood": a daily,
  // quarterly or annual contract was rated only with a range of dates.
  it("reads a single date as that day, local midnight to the next one, across the end of DST", () => {
    // New York leaves DST on 1 November 2026 at 02:00 EDT: 1 Nov 00:00 EDT (−04:00) = 04:00Z;
    // 2 Nov 00:00 EST (−05:00) = 05:00Z: a day of 25 hours.
    expect(text(parsePeriod("2026-11-01", "America/New_York"))).toEqual({
      start: "2026-11-01T04:00:00.000Z",
      end: "2026-11-02T05:00:00.000Z",
    });
    // 31 December's day ends on 1 January; 29 February exists in 2028
    expect(text(parsePeriod("2026-12-31", "UTC")).end).toBe("2027-01-01T00:00:00.000Z");
    expect(text(parsePeriod("2028-02-29", "UTC")).start).toBe("2028-02-29T00:00:00.000Z");
  });

  it("reads 2026-Q1 … Q4 as the calendar quarters, in the zone", () => {
    // Q1: 1 Jan 00:00 EST = 05:00Z to 1 Apr 00:00 EDT = 04:00Z (DST from 8 March).
    expect(text(parsePeriod("2026-Q1", "America/New_York"))).toEqual({
      start: "2026-01-01T05:00:00.000Z",
      end: "2026-04-01T04:00:00.000Z",
    });
    // Q2 from 1 April, Q3 from 1 July, Q4 (also written q4) from 1 October to 1 January 2027
    expect(text(parsePeriod("2026-Q2", "UTC")).start).toBe("2026-04-01T00:00:00.000Z");
    expect(text(parsePeriod("2026-Q3", "UTC"))).toEqual({
      start: "2026-07-01T00:00:00.000Z",
      end: "2026-10-01T00:00:00.000Z",
    });
    expect(text(parsePeriod("2026-q4", "UTC"))).toEqual({
      start: "2026-10-01T00:00:00.000Z",
      end: "2027-01-01T00:00:00.000Z",
    });
  });

  it("reads 2026 as the calendar year, in the zone", () => {
    // Kolkata is +05:30 all year: 1 Jan 2026 00:00 local = 31 Dec 2025 18:30Z.
    expect(text(parsePeriod("2026", "Asia/Kolkata"))).toEqual({
      start: "2025-12-31T18:30:00.000Z",
      end: "2026-12-31T18:30:00.000Z",
    });
  });

  it("names the date or year that is refused, as for a range", () => {
    expect(thrown(() => parsePeriod("2026-02-30", "UTC"))).toMatchObject({
      message: 'Period "2026-02-30": "2026-02-30" is not a real calendar date.',
    });
    expect(thrown(() => parsePeriod("1969-Q4", "UTC"))).toMatchObject({
      message: 'Period "1969-Q4": year 1969 is outside the years ratecard rates (1970–9999).',
    });
  });

  it("rejects a range that ends before it starts", () => {
    expect(thrown(() => parsePeriod("2026-03-01/2026-02-01", "UTC"))).toMatchObject({
      code: "invalid_period",
      path: "period",
    });
  });

  it("rejects an empty range (start equals end), saying it is empty and giving that one day's range", () => {
    // The second date is excluded, so 6 September to 6 September holds nothing; the day is 6 → 7
    // September. Until 6 December 2026 the message said the range "ends before it starts".
    expect(thrown(() => parsePeriod("2026-09-06/2026-09-06", "America/Santiago"))).toMatchObject({
      code: "invalid_period",
      path: "period",
      message:
        'Period "2026-09-06/2026-09-06" is empty: its second date is excluded, so it must be later than the first (that one day is 2026-09-06/2026-09-07).',
    });
    // 31 December's day runs into the next year
    expect(thrown(() => parsePeriod("2026-12-31/2026-12-31", "UTC"))).toMatchObject({
      message: expect.stringContaining("that one day is 2026-12-31/2027-01-01"),
    });
    expect(thrown(() => parsePeriod("2026-03-01/2026-02-01", "UTC"))).toMatchObject({
      message: 'Period "2026-03-01/2026-02-01" ends before it starts.',
    });
  });
});
