import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { windowLayout } from "../../src/meters/index.js";
import type { MeterTerms, WindowTerms } from "../../src/schema/index.js";
import { daysBetween, parsePeriod, toLocalDate } from "../../src/time/index.js";
import { aggregateFor, EVENT_TYPE, usageEvent } from "../_arbitraries/meters.js";

const NEW_YORK = "America/New_York";
/** March 2026 in New York: [Mar 1 00:00 EST = 05:00Z, Apr 1 00:00 EDT = 04:00Z); DST starts Mar 8 (23 h). */
const MARCH_NY = { start: Date.UTC(2026, 2, 1, 5), end: Date.UTC(2026, 3, 1, 4) };
/** November 2026 in New York: [Nov 1 00:00 EDT = 04:00Z, Dec 1 00:00 EST = 05:00Z); DST ends Nov 1 (25 h). */
const NOVEMBER_NY = { start: Date.UTC(2026, 10, 1, 4), end: Date.UTC(2026, 11, 1, 5) };

function twoLevel(outer: "avg" | "max" | "min" | "sum", window: WindowTerms): MeterTerms {
  return { id: "two_level", eventType: EVENT_TYPE, aggregation: outer, valueProperty: "v", window };
}

const inNewYork = (meter: MeterTerms, events: Parameters<typeof aggregateFor>[1], period = MARCH_NY) =>
  aggregateFor([meter], events, period, { timeZone: NEW_YORK }).meters[0]!;

describe("windowLayout: local days across DST", () => {
  it("lays out March 2026 in New York as 31 local days, the 8th being 23 hours", () => {
    const layout = windowLayout("day", MARCH_NY, NEW_YORK);
    expect(layout.count).toBe(31);
    // Mar 1 (index 0) is 24 h = 86,400 s; Mar 8 (index 7) is 23 h = 82,800 s; Mar 9 is 24 h again
    expect(layout.secondsOf(0)).toBe(86_400);
    expect(layout.secondsOf(7)).toBe(82_800);
    expect(layout.secondsOf(8)).toBe(86_400);
    // Mar 8 23:30 EDT (Mar 9 03:30Z) is still local day index 7; Mar 9 00:30 EDT (04:30Z) is index 8
    expect(layout.indexOf(Date.UTC(2026, 2, 9, 3, 30))).toBe(7);
    expect(layout.indexOf(Date.UTC(2026, 2, 9, 4, 30))).toBe(8);
    // the last instant of the period, Mar 31 23:59:59.999 EDT, is index 30
    expect(layout.indexOf(MARCH_NY.end - 1)).toBe(30);
  });

  it("gives Nov 1 2026 in New York 25 hours", () => {
    const layout = windowLayout("day", NOVEMBER_NY, NEW_YORK);
    // 30 days; Nov 1 is 25 h = 90,000 s
    expect(layout.count).toBe(30);
    expect(layout.secondsOf(0)).toBe(90_000);
    expect(layout.secondsOf(1)).toBe(86_400);
  });

  it("lays out fixed windows from the period start, the last one possibly shorter", () => {
    // 100 minutes in 30-minute windows: 30, 30, 30, 10 → 4 windows, the last 600 s
    const layout = windowLayout("30m", { start: 0, end: 100 * 60_000 }, "UTC");
    expect(layout.count).toBe(4);
    expect(layout.secondsOf(3)).toBe(600);
    expect(layout.indexOf(90 * 60_000)).toBe(3);
  });
});

describe("average of daily maxima (Cloudflare R2 style) over local days", () => {
  // day 0 (Mar 1): 10 at 00:30 EST and 21 at 12:00 EST → max 21
  // day 7 (Mar 8): 40 at 23:30 EDT (Mar 9 03:30Z — a UTC day would put it on the 9th) → max 40
  // day 8 (Mar 9): 31 at 00:30 EDT (04:30Z) → max 31
  // day 30 (Mar 31): 1 at 23:30 EDT (Apr 1 03:30Z) → max 1
  const events = [
    usageEvent("e1", Date.UTC(2026, 2, 1, 5, 30), { v: 10 }),
    usageEvent("e2", Date.UTC(2026, 2, 1, 17), { v: 21 }),
    usageEvent("e3", Date.UTC(2026, 2, 9, 3, 30), { v: 40 }),
    usageEvent("e4", Date.UTC(2026, 2, 9, 4, 30), { v: 31 }),
    usageEvent("e5", Date.UTC(2026, 3, 1, 3, 30), { v: 1 }),
  ];

  it("averages over all 31 days, empty days as 0 by default", () => {
    // (21 + 40 + 31 + 1 + 27 × 0) ÷ 31 = 93 ÷ 31 = 3
    const result = inNewYork(twoLevel("avg", { size: "day", aggregation: "max" }), events);
    expect(result.quantity.toFixed()).toBe("3");
    expect(result.events).toBe(5);
    expect(result.computation).toEqual({
      kind: "windows",
      size: "day",
      inner: "max",
      outer: "avg",
      windows: 31,
      emptyWindows: 27,
      emptyWindowsAs: "zero",
      perSecond: false,
    });
  });

  it("averages over the 4 days with events when empty days are skipped", () => {
    // 93 ÷ 4 = 23.25
    const result = inNewYork(
      twoLevel("avg", { size: "day", aggregation: "max", emptyWindows: "skip" }),
      events,
    );
    expect(result.quantity.toFixed()).toBe("23.25");
  });

  it("takes the minimum daily maximum: 0 with empty days counted, 1 with them skipped", () => {
    expect(inNewYork(twoLevel("min", { size: "day", aggregation: "max" }), events).quantity.toFixed()).toBe(
      "0",
    );
    // min(21, 40, 31, 1) = 1
    expect(
      inNewYork(
        twoLevel("min", { size: "day", aggregation: "max", emptyWindows: "skip" }),
        events,
      ).quantity.toFixed(),
    ).toBe("1");
  });

  it("sums daily sums to the plain sum", () => {
    // 10 + 21 + 40 + 31 + 1 = 103
    expect(inNewYork(twoLevel("sum", { size: "day", aggregation: "sum" }), events).quantity.toFixed()).toBe(
      "103",
    );
  });
});

describe("per-second rates over local days", () => {
  it("divides the 23-hour Mar 8 by 82,800 s", () => {
    // Mar 8 noon EDT (16:00Z): 124,200 ÷ 82,800 s = 1.5 /s; Mar 9 noon EDT: 86,400 ÷ 86,400 = 1 /s
    const events = [
      usageEvent("d8", Date.UTC(2026, 2, 8, 16), { v: 124_200 }),
      usageEvent("d9", Date.UTC(2026, 2, 9, 16), { v: 86_400 }),
    ];
    // max(1.5, 1) = 1.5 (dividing Mar 8 by 86,400 would give 1.4375)
    const peak = inNewYork(twoLevel("max", { size: "day", aggregation: "sum", perSecond: true }), events);
    expect(peak.quantity.toFixed()).toBe("1.5");
    // 1.5 + 1 = 2.5
    const total = inNewYork(twoLevel("sum", { size: "day", aggregation: "sum", perSecond: true }), events);
    expect(total.quantity.toFixed()).toBe("2.5");
  });

  it("divides the 25-hour Nov 1 by 90,000 s", () => {
    // Nov 1 12:00 EST (17:00Z): 180,000 ÷ 90,000 s = 2 /s (÷ 86,400 would give 2.083…)
    const events = [usageEvent("n1", Date.UTC(2026, 10, 1, 17), { v: 180_000 })];
    const peak = inNewYork(
      twoLevel("max", { size: "day", aggregation: "sum", perSecond: true }),
      events,
      NOVEMBER_NY,
    );
    expect(peak.quantity.toFixed()).toBe("2");
  });
});

describe("local days of a sub-period", () => {
  it("makes the first window only the part of the day inside the period", () => {
    // [Mar 8 12:00 EDT (16:00Z), Mar 10 00:00 EDT (04:00Z)): window 0 is Mar 8 12:00–24:00 = 12 h = 43,200 s,
    // window 1 is Mar 9 = 86,400 s. 43,200 on Mar 8 → 1 /s; 172,800 on Mar 9 → 2 /s; average 1.5 /s
    const period = { start: Date.UTC(2026, 2, 8, 16), end: Date.UTC(2026, 2, 10, 4) };
    const layout = windowLayout("day", period, NEW_YORK);
    expect(layout.count).toBe(2);
    expect(layout.secondsOf(0)).toBe(43_200);
    const events = [
      usageEvent("a", Date.UTC(2026, 2, 8, 18), { v: 43_200 }),
      usageEvent("b", Date.UTC(2026, 2, 9, 16), { v: 172_800 }),
    ];
    const meter = twoLevel("avg", { size: "day", aggregation: "sum", perSecond: true });
    expect(inNewYork(meter, events, period).quantity.toFixed()).toBe("1.5");
  });
});

describe("average of hourly maxima (Azure Cosmos DB style)", () => {
  // 4 hours from Feb 2 00:00Z. hour 0: 5 and 9 → 9; hour 1: 3 → 3; hour 2: none; hour 3: 6 and 6 → 6
  const period = { start: Date.UTC(2026, 1, 2), end: Date.UTC(2026, 1, 2, 4) };
  const events = [
    usageEvent("h0a", Date.UTC(2026, 1, 2, 0, 10), { v: "5" }),
    usageEvent("h0b", Date.UTC(2026, 1, 2, 0, 50), { v: "9" }),
    usageEvent("h1", Date.UTC(2026, 1, 2, 1, 30), { v: "3" }),
    usageEvent("h3a", Date.UTC(2026, 1, 2, 3), { v: "6" }),
    usageEvent("h3b", period.end - 1, { v: "6" }),
  ];

  it("averages over all 4 hours with the empty one as 0", () => {
    // (9 + 3 + 0 + 6) ÷ 4 = 18 ÷ 4 = 4.5
    const result = aggregateFor([twoLevel("avg", { size: "hour", aggregation: "max" })], events, period);
    expect(result.meters[0]!.quantity.toFixed()).toBe("4.5");
    expect(result.meters[0]!.computation).toMatchObject({ windows: 4, emptyWindows: 1 });
  });

  it("averages over the 3 hours with events when empty windows are skipped", () => {
    // 18 ÷ 3 = 6
    const meter = twoLevel("avg", { size: "hour", aggregation: "max", emptyWindows: "skip" });
    expect(aggregateFor([meter], events, period).meters[0]!.quantity.toFixed()).toBe("6");
  });

  it("gives the same for '1h' and 'hour' windows", () => {
    const meter = twoLevel("avg", { size: "1h", aggregation: "max" });
    // 4.5 as above
    expect(aggregateFor([meter], events, period).meters[0]!.quantity.toFixed()).toBe("4.5");
  });
});

describe("day windows (property)", () => {
  it("put every instant in the local day it falls on, across DST changes", () => {
    // March and November 2026 hold New York's DST changes, April Sydney's; Kathmandu is +05:45; UTC has none.
    const zones = fc.constantFrom("UTC", "America/New_York", "Australia/Sydney", "Asia/Kathmandu");
    const month = fc.constantFrom("2026-03", "2026-04", "2026-11");
    fc.assert(
      fc.property(zones, month, fc.double({ min: 0, max: 1, noNaN: true }), (zone, label, at) => {
        const period = parsePeriod(label, zone);
        const instant = period.start + Math.floor(at * (period.end - period.start - 1));
        const first = toLocalDate(period.start, zone);
        expect(windowLayout("day", period, zone).indexOf(instant)).toBe(
          daysBetween(first, toLocalDate(instant, zone)),
        );
      }),
      { numRuns: 500 },
    );
  });
});
