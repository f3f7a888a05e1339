import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/index.js";
import { Decimal, roundTo } from "../../src/money/index.js";
import {
  applyRatio,
  type Period,
  type ProrationBasis,
  parseInstant,
  parsePeriod,
  prorationRatio,
} from "../../src/time/index.js";
import { thrown } from "../_support/thrown.js";

const at = parseInstant;
const DAY_SECONDS = 86_400;

const ratioText = (part: Period, whole: Period, basis: ProrationBasis, timeZone: string) => {
  const ratio = prorationRatio(part, whole, basis, timeZone);
  return { basis: ratio.basis, elapsed: ratio.elapsed.toFixed(), total: ratio.total.toFixed() };
};

describe("prorationRatio", () => {
  const february = parsePeriod("2026-02", "UTC");
  const secondHalf = { start: at("2026-02-15T00:00:00Z"), end: february.end };

  it("measures the second half of February by day as 14/28", () => {
    // Feb 15 → Mar 1 is 14 days; February 2026 has 28.
    expect(ratioText(secondHalf, february, "day", "UTC")).toEqual({
      basis: "day",
      elapsed: "14",
      total: "28",
    });
  });

  it("measures the second half of February by second", () => {
    // 14 × 86,400 = 1,209,600 s of 28 × 86,400 = 2,419,200 s.
    expect(ratioText(secondHalf, february, "second", "UTC")).toEqual({
      basis: "second",
      elapsed: String(14 * DAY_SECONDS),
      total: String(28 * DAY_SECONDS),
    });
  });

  it("counts a part starting at 15:00 on March 15 from March 15, by day", () => {
    const march = parsePeriod("2026-03", "UTC");
    const part = { start: at("2026-03-15T15:00:00Z"), end: march.end };
    // Mar 15 → Apr 1 is 17 days (the 15th through the 31st); March has 31.
    expect(ratioText(part, march, "day", "UTC")).toEqual({ basis: "day", elapsed: "17", total: "31" });
  });

  it("counts the part that ends on a day, not the one that started before it", () => {
    const march = parsePeriod("2026-03", "UTC");
    const part = { start: march.start, end: at("2026-03-15T15:00:00Z") };
    // Mar 1 → Mar 15 is 14 days; 14 + 17 = 31, the whole month.
    expect(ratioText(part, march, "day", "UTC")).toEqual({ basis: "day", elapsed: "14", total: "31" });
  });

  it("gives the New York day of March 8, 2026 82,800 seconds", () => {
    const march = parsePeriod("2026-03", "America/New_York");
    const dstDay = parsePeriod("2026-03-08/2026-03-09", "America/New_York");
    // The day is 23 h = 82,800 s; March in New York is 31 × 86,400 − 3,600 = 2,674,800 s.
    expect(ratioText(dstDay, march, "second", "America/New_York")).toEqual({
      basis: "second",
      elapsed: "82800",
      total: "2674800",
    });
    // By day it is simply 1 of 31.
    expect(ratioText(dstDay, march, "day", "America/New_York")).toEqual({
      basis: "day",
      elapsed: "1",
      total: "31",
    });
  });

  it("counts local days in the contract's zone, not UTC days", () => {
    // February in Kolkata is [Jan 31 18:30Z, Feb 28 18:30Z). A part from Feb 15 00:00Z (05:30 on
    // Feb 15 locally) to the end counts Feb 15 → Mar 1 local = 14 of 28 days.
    const february = parsePeriod("2026-02", "Asia/Kolkata");
    const part = { start: at("2026-02-15T00:00:00Z"), end: february.end };
    expect(ratioText(part, february, "day", "Asia/Kolkata")).toEqual({
      basis: "day",
      elapsed: "14",
      total: "28",
    });
  });

  it("keeps milliseconds as fractional seconds", () => {
    const part = { start: february.start, end: february.start + 1_500 };
    // 1,500 ms = 1.5 s.
    expect(prorationRatio(part, february, "second", "UTC").elapsed.toFixed()).toBe("1.5");
  });

  it("gives the whole period a ratio of total/total", () => {
    expect(ratioText(february, february, "day", "UTC")).toEqual({ basis: "day", elapsed: "28", total: "28" });
  });

  it("refuses a part that starts before the period", () => {
    const part = { start: february.start - 1, end: february.end };
    const error = thrown(() => prorationRatio(part, february, "second", "UTC"));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "invalid_period", path: "" });
  });

  it("refuses a part that ends after the period", () => {
    const part = { start: february.start, end: february.end + 1 };
    expect(thrown(() => prorationRatio(part, february, "day", "UTC"))).toMatchObject({
      code: "invalid_period",
    });
  });

  it("refuses an empty part", () => {
    const part = { start: secondHalf.start, end: secondHalf.start };
    expect(thrown(() => prorationRatio(part, february, "second", "UTC"))).toMatchObject({
      code: "invalid_period",
    });
  });
});

// Kill Bill with org.killbill.invoice.proration.fixed.days = 30 (TestInvoiceDateUtilsWithFixedProration):
// a monthly subscription billed on the 15th, started on the 23rd, pays 22 of 30 days (0.733333333) in
// May, June and February alike, leap year or not.
describe("prorationRatio by 30-day months (Kill Bill's fixed days)", () => {
  const part = (start: string, end: string) => ({
    start: at(`${start}T00:00:00Z`),
    end: at(`${end}T00:00:00Z`),
  });
  const cases = [
    // May 23 → Jun 15: 31-day May, 23 real days; on the 30-day scale 30 + 15 − 23 = 22
    ["2023-05-15", "2023-05-23", "2023-06-15"],
    // Jun 23 → Jul 15: 30-day June, 22 real days; 30 + 15 − 23 = 22
    ["2023-06-15", "2023-06-23", "2023-07-15"],
    // Feb 23 → Mar 15, 2023: 28-day February, 20 real days; 30 + 15 − 23 = 22
    ["2023-02-15", "2023-02-23", "2023-03-15"],
    // Feb 23 → Mar 15, 2024 (leap year): 21 real days; still 30 + 15 − 23 = 22
    ["2024-02-15", "2024-02-23", "2024-03-15"],
  ] as const;
  for (const [billed, started, next] of cases) {
    it(`counts ${started} to ${next} as 22 of 30 days`, () => {
      expect(ratioText(part(started, next), part(billed, next), "month_30_days", "UTC")).toEqual({
        basis: "month_30_days",
        elapsed: "22",
        total: "30",
      });
    });
  }

  it("counts 8 days inside one month as 8, as Kill Bill does (May 15 → 23)", () => {
    // Kill Bill's daysBetweenWithFixedDaysInMonth(2023-05-15, 2023-05-23) = 8
    const ratio = prorationRatio(
      part("2023-05-15", "2023-05-23"),
      part("2023-05-15", "2023-06-15"),
      "month_30_days",
      "UTC",
    );
    expect(ratio.elapsed.toFixed()).toBe("8");
    // 8 ÷ 30 = 0.2666…, Kill Bill's 0.266666667 at 9 decimals
    expect(ratio.elapsed.div(ratio.total).toDecimalPlaces(9).toFixed()).toBe("0.266666667");
  });

  it("counts February as a whole 30-day month, and the 31st of a month as the 30th", () => {
    // the days from `start` to `end`, inside January–February 2026, on the 30-day scale
    const days = (start: string, end: string) =>
      prorationRatio(
        part(start, end),
        part("2026-01-01", "2026-03-01"),
        "month_30_days",
        "UTC",
      ).elapsed.toFixed();
    // Feb 1 → Mar 1: 28 real days, 30 on the scale; Jan 1 → Feb 1: 31 real days, 30 on the scale
    expect(days("2026-02-01", "2026-03-01")).toBe("30");
    expect(days("2026-01-01", "2026-02-01")).toBe("30");
    // Jan 30 → Jan 31: both read as the 30th, so 0 days; Jan 31 → Feb 1: 1 day
    expect(days("2026-01-30", "2026-01-31")).toBe("0");
    expect(days("2026-01-31", "2026-02-01")).toBe("1");
  });
});

// A cycle anchored on the 28th or 29th ends a period on February's last day, which stands for the anchor
// day: read as the 30th (as a February end that is no boundary is), 28 January → 28 February was 32 days
// and 29 January → 28 February 31, under "months counted as 30 days".
describe("prorationRatio by 30-day months, anchored on the 28th or 29th", () => {
  const day = (date: string) => at(`${date}T00:00:00Z`);
  const ratioOf = (start: string, end: string, from: string, to: string, anchorDay: number) => {
    const ratio = prorationRatio(
      { start: day(start), end: day(end) },
      { start: day(from), end: day(to) },
      "month_30_days",
      "UTC",
      anchorDay,
    );
    return `${ratio.elapsed.toFixed()}/${ratio.total.toFixed()}`;
  };

  it("measures 29 January → 28 February 2026 and 28 February → 29 March as 30 days each", () => {
    // Jan 29 = 30 × 0 + 29 = 29; Feb 28 (stands for the 29th) = 30 + 29 = 59; Mar 29 = 60 + 29 = 89
    expect(ratioOf("2026-01-29", "2026-02-28", "2026-01-29", "2026-02-28", 29)).toBe("30/30");
    expect(ratioOf("2026-02-28", "2026-03-29", "2026-02-28", "2026-03-29", 29)).toBe("30/30");
    // a term from 14 February: 59 − (30 + 14) = 15 of 30 (was 16 of 31); from 14 March: 89 − 74 = 15 of 30
    // (was 15 of 29)
    expect(ratioOf("2026-02-14", "2026-02-28", "2026-01-29", "2026-02-28", 29)).toBe("15/30");
    expect(ratioOf("2026-03-14", "2026-03-29", "2026-02-28", "2026-03-29", 29)).toBe("15/30");
  });

  it("measures the leap year's 29 January → 29 February 2028 as 30 days", () => {
    // Feb 29 is the anchor day itself and February's last: 30 + 29 = 59, less Jan 29 (29) = 30 (was 31)
    expect(ratioOf("2028-01-29", "2028-02-29", "2028-01-29", "2028-02-29", 29)).toBe("30/30");
  });

  it("measures 28 January → 28 February 2026 as 30 days on the 28th, and the rest of February as 18", () => {
    // Feb 28 stands for the 28th: 30 + 28 = 58, less Jan 28 (28) = 30 (was 60 − 28 = 32)
    expect(ratioOf("2026-01-28", "2026-02-28", "2026-01-28", "2026-02-28", 28)).toBe("30/30");
    // from 10 February: 58 − 40 = 18 of 30, its 18 real days (was 20 of 32)
    expect(ratioOf("2026-02-10", "2026-02-28", "2026-01-28", "2026-02-28", 28)).toBe("18/30");
    // in a leap year 28 February is no month end and 29 February no boundary: 58 − 28 = 30 as ever
    expect(ratioOf("2028-01-28", "2028-02-28", "2028-01-28", "2028-02-28", 28)).toBe("30/30");
  });

  it("keeps February's end as the 30th for an earlier anchor, and without one", () => {
    // anchor 15: Feb 1 → Mar 1 of the month is 30 as before; Feb 28 → Mar 1 is 1 day (61 − 60)
    expect(ratioOf("2026-02-28", "2026-03-01", "2026-02-15", "2026-03-15", 15)).toBe("1/30");
    expect(
      prorationRatio(
        { start: day("2026-02-28"), end: day("2026-03-01") },
        { start: day("2026-02-15"), end: day("2026-03-15") },
        "month_30_days",
        "UTC",
      ).elapsed.toFixed(),
    ).toBe("1");
  });
});

describe("applyRatio", () => {
  const ratio = (elapsed: string, total: string) =>
    ({ basis: "day", elapsed: new Decimal(elapsed), total: new Decimal(total) }) as const;

  it("multiplies before dividing, so 3 × 1/3 is exactly 1", () => {
    // (3 × 1) / 3 = 1; dividing first would give 3 × 0.333… = 0.999….
    expect(applyRatio(new Decimal(3), ratio("1", "3")).toFixed()).toBe("1");
  });

  it("prorates 100 by 1/3 to 33.33 once rounded to cents", () => {
    // 100 × 1 / 3 = 33.333…; to cents, half-even: 33.33.
    const amount = applyRatio(new Decimal(100), ratio("1", "3"));
    expect(roundTo(amount, 2, "half_even").toFixed(2)).toBe("33.33");
    // 200 × 1 / 3 = 66.666… → 66.67.
    expect(roundTo(applyRatio(new Decimal(200), ratio("1", "3")), 2, "half_even").toFixed(2)).toBe("66.67");
  });

  it("prorates 500.00 by 14/28 to exactly 250", () => {
    // 500 × 14 = 7000; 7000 / 28 = 250.
    expect(applyRatio(new Decimal("500.00"), ratio("14", "28")).toFixed()).toBe("250");
  });

  it("prorates a sub-minor unit price exactly", () => {
    // 0.0000025 × 1.5 = 0.00000375; / 3 = 0.00000125.
    expect(applyRatio(new Decimal("0.0000025"), ratio("1.5", "3")).toFixed()).toBe("0.00000125");
  });

  it("returns the amount itself for the whole period", () => {
    // elapsed = total: nothing to scale.
    expect(applyRatio(new Decimal("123.45"), ratio("31", "31")).toFixed()).toBe("123.45");
  });
});
