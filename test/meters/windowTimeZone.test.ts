import { describe, expect, it } from "vitest";
import { explainText, parseContract, rateInvoice, type UsageEventInput } from "../../src/index.js";
import { windowLayout } from "../../src/meters/index.js";
import { thrown } from "../_support/thrown.js";

// A meter's windows counted in their own zone (`window.timeZone`), not the contract's: Backblaze B2's
// free amounts restart "each day at 00:00 UTC" (its data caps "reset at 12 AM GMT each day") for a
// contract whose periods are Los Angeles months. Every figure below is worked by hand.

const LA = "America/Los_Angeles";
/** March 2026 in Los Angeles: Mar 1 00:00 PST = 08:00Z to Apr 1 00:00 PDT = 07:00Z; DST starts Mar 8. */
const MARCH_LA = { start: Date.UTC(2026, 2, 1, 8), end: Date.UTC(2026, 3, 1, 7) };
/** February 2026 in UTC. */
const FEBRUARY_UTC = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };

const contractJson = (timeZone: string, window: object) => ({
  schemaVersion: 1,
  id: "ctr_zone",
  customer: { id: "cus_zone", name: "Zone customer" },
  currency: "USD",
  timeZone,
  billing: { cadence: "monthly", alignment: "calendar" },
  term: { start: "2026-01-01" },
  meters: [{ id: "m", eventType: "e", aggregation: "sum", valueProperty: "gb", unit: "GB", window }],
  charges: [{ id: "c", name: "Download", meter: "m", price: { model: "unit", unitPrice: "0.01" } }],
});

const computationOf = (line: { steps: ReadonlyArray<{ kind: string }> }) =>
  (line.steps.find((step) => step.kind === "usage") as { computation?: object } | undefined)?.computation;

const event = (id: string, timestamp: string, gb: number): UsageEventInput => ({
  id,
  type: "e",
  customer: "cus_zone",
  timestamp,
  properties: { gb },
});

// a: 07:00Z on 1 March is 23:00 on 28 February in LA, before the period. b: inside the UTC day the
// period starts within (08:00Z–24:00Z). c and d: 16:30 and 17:30 PDT on 10 March, one LA day, two UTC
// days. e: 06:00Z on 1 April is 23:00 PDT on 31 March, inside the UTC day the period ends within.
const events = [
  event("a", "2026-03-01T07:00:00Z", 5),
  event("b", "2026-03-01T09:00:00Z", 1.5),
  event("c", "2026-03-10T23:30:00Z", 2),
  event("d", "2026-03-11T00:30:00Z", 2),
  event("e", "2026-04-01T06:00:00Z", 1.5),
];
const daily = { size: "day", aggregation: "sum", allowance: "1" };

describe("window.timeZone: windows counted in another zone than the contract's", () => {
  it("lays March 2026 in Los Angeles out as 32 UTC days, the first and last cut at the period", () => {
    const layout = windowLayout("day", MARCH_LA, LA, "UTC");
    // 1 March 08:00Z–24:00Z (16 h), 2–31 March (30 whole days), 1 April 00:00Z–07:00Z (7 h): 32.
    expect(layout.count).toBe(32);
    expect(layout.secondsOf(0)).toBe(16 * 3600);
    expect(layout.secondsOf(1)).toBe(86_400);
    // A UTC day is 24 h also on 8 March, when LA's day is 23 h.
    expect(layout.secondsOf(7)).toBe(86_400);
    expect(windowLayout("day", MARCH_LA, LA).secondsOf(7)).toBe(82_800);
    expect(layout.secondsOf(31)).toBe(7 * 3600);
    // 57,600 + 30 × 86,400 + 25,200 = 2,674,800 s = 743 h, LA's March (one hour lost to DST).
    const total = Array.from({ length: 32 }, (_, index) => layout.secondsOf(index)).reduce((a, b) => a + b);
    expect(total).toBe(743 * 3600);
    expect(layout.startOf(0)).toBe(MARCH_LA.start);
    expect(layout.startOf(1)).toBe(Date.UTC(2026, 2, 2));
    // 23:30Z on 10 March is UTC day 10 March (index 9); 00:30Z on 11 March is index 10.
    expect(layout.indexOf(Date.UTC(2026, 2, 10, 23, 30))).toBe(9);
    expect(layout.indexOf(Date.UTC(2026, 2, 11, 0, 30))).toBe(10);
    // In LA's own days both are 10 March (index 9).
    const local = windowLayout("day", MARCH_LA, LA);
    expect(local.indexOf(Date.UTC(2026, 2, 10, 23, 30))).toBe(9);
    expect(local.indexOf(Date.UTC(2026, 2, 11, 0, 30))).toBe(9);
  });

  it("gives each UTC day its free GB: two LA-evening events on two UTC days are two windows", () => {
    const invoice = rateInvoice(
      parseContract(contractJson(LA, { ...daily, timeZone: "UTC" })),
      events,
      "2026-03",
    );
    // UTC days: b 1.5 − 1 = 0.5; c 2 − 1 = 1; d 2 − 1 = 1; e 1.5 − 1 = 0.5. 3 GB × $0.01 = $0.03; the
    // allowance covered 1 + 1 + 1 + 1 = 4 GB. a is outside the period.
    const line = invoice.lines[0]!;
    expect([line.quantity, line.amount]).toEqual(["3", "0.03"]);
    const computation = computationOf(line);
    expect(computation).toMatchObject({ kind: "windows", windows: 32, emptyWindows: 28, timeZone: "UTC" });
    expect(computation).toMatchObject({ allowance: { free: "4" } });
    expect(invoice.usage.excluded).toEqual([{ reason: "outside_period", events: 1, sampleIds: ["a"] }]);
    const text = explainText(invoice);
    expect(text).toContain("32 daily windows");
    expect(text).toContain("Each window is a UTC day (from 00:00 UTC), not a day of the contract's zone");
    // Each window above its free GB is named by its start in UTC, not by LA's 16:00 the day before.
    expect(text).toContain(
      "(the window from 2026-03-01 08:00 UTC: 1.5 − 1 free = 0.5; the window from 2026-03-10 UTC:",
    );
  });

  it("without window.timeZone counts LA days, as before (31 windows, c and d one day)", () => {
    const invoice = rateInvoice(parseContract(contractJson(LA, daily)), events, "2026-03");
    // LA days: 1 March b 1.5 − 1 = 0.5; 10 March c + d = 4 − 1 = 3; 31 March e 1.5 − 1 = 0.5. 4 GB: $0.04.
    const line = invoice.lines[0]!;
    expect([line.quantity, line.amount]).toEqual(["4", "0.04"]);
    const computation = computationOf(line);
    expect(computation).toMatchObject({ windows: 31 });
    expect(computation).not.toHaveProperty("timeZone");
    expect(explainText(invoice)).not.toContain("Each window is");
  });

  it("window.timeZone equal to a UTC contract's zone changes nothing for days", () => {
    const utc = (window: object) =>
      rateInvoice(parseContract(contractJson("UTC", window)), events, "2026-03").lines[0]!;
    // UTC March: a and b are one day, 5 + 1.5 − 1 = 5.5; c 1; d 1; e is in April. 7.5 GB either way.
    expect(utc(daily).quantity).toBe("7.5");
    expect(utc({ ...daily, timeZone: "UTC" }).quantity).toBe("7.5");
  });

  it("lays a UTC March out in New York's days: 32, the DST day 23 hours, both ends cut", () => {
    const MARCH_UTC = { start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 1) };
    const layout = windowLayout("day", MARCH_UTC, "UTC", "America/New_York");
    // 00:00Z on 1 March is 19:00 EST on 28 February: New York's 28 February, cut to 00:00Z–05:00Z
    // (18,000 s); then 1–31 March, 8 March 23 h (DST), 31 March 04:00Z–24:00Z cut at the end (72,000 s).
    expect(layout.count).toBe(32);
    expect(layout.secondsOf(0)).toBe(5 * 3600);
    expect(layout.secondsOf(1)).toBe(86_400);
    expect(layout.secondsOf(8)).toBe(82_800);
    expect(layout.secondsOf(31)).toBe(20 * 3600);
    // 18,000 + 29 × 86,400 + 82,800 + 72,000 = 2,678,400 s = 744 h, UTC's March.
    const total = Array.from({ length: 32 }, (_, index) => layout.secondsOf(index)).reduce((a, b) => a + b);
    expect(total).toBe(744 * 3600);
  });

  it("says the zone of a percentile's sample windows", () => {
    const meter = { aggregation: "percentile", percentile: { rank: "50" } };
    const contract = contractJson(LA, { size: "hour", aggregation: "max", timeZone: "UTC" });
    const invoice = rateInvoice(
      parseContract({ ...contract, meters: [{ ...contract.meters[0]!, ...meter }] }),
      [event("h1", "2026-03-10T23:30:00Z", 4)],
      "2026-03",
    );
    // LA's March is 743 hours, and starts on a UTC hour (08:00Z): 743 UTC hours, none cut. 50 % of 743
    // = 371.5, 371 discarded; the 372nd highest of one 4 and 742 zeros is 0.
    expect(computationOf(invoice.lines[0]!)).toMatchObject({ samples: 743, discarded: 371, timeZone: "UTC" });
    expect(explainText(invoice)).toContain(
      "the highest remaining billed. Each window is an hour of UTC (from 00:00 UTC)",
    );
  });

  it("lays hours of Kathmandu (+05:45) from its midnight: they start at :15 UTC", () => {
    // Kathmandu's midnight on 1 February is 31 January 18:15Z; the hour holding 00:00Z runs from
    // 23:15Z, cut at the period: 00:00Z–00:15Z (900 s). Then 672 hours, the last 23:15Z–00:00Z (2,700 s).
    const layout = windowLayout("hour", FEBRUARY_UTC, "UTC", "Asia/Kathmandu");
    expect(layout.count).toBe(673);
    expect(layout.secondsOf(0)).toBe(900);
    expect(layout.secondsOf(1)).toBe(3600);
    expect(layout.secondsOf(672)).toBe(2700);
    expect(layout.startOf(0)).toBe(FEBRUARY_UTC.start);
    expect(layout.startOf(1)).toBe(Date.UTC(2026, 1, 1, 0, 15));
    expect(layout.indexOf(Date.UTC(2026, 1, 1, 0, 10))).toBe(0);
    expect(layout.indexOf(Date.UTC(2026, 1, 1, 0, 20))).toBe(1);
    expect(layout.indexOf(Date.UTC(2026, 1, 1, 1, 10))).toBe(1);
    expect(layout.fixed).toEqual({ origin: Date.UTC(2026, 0, 31, 23, 15), length: 3_600_000 });
    // Without a window zone, hours are laid from the period's start, as before.
    expect(windowLayout("hour", FEBRUARY_UTC, "UTC").fixed).toEqual({
      origin: FEBRUARY_UTC.start,
      length: 3_600_000,
    });
  });

  it("prices Kathmandu hours: each hour's peak less 10 free", () => {
    const hourly = { size: "hour", aggregation: "max", allowance: "10" };
    const readings = [
      event("p1", "2026-02-01T00:10:00Z", 12),
      event("p2", "2026-02-01T00:20:00Z", 15),
      event("p3", "2026-02-01T01:10:00Z", 11),
    ];
    const rate = (window: object) =>
      rateInvoice(parseContract(contractJson("UTC", window)), readings, "2026-02").lines[0]!;
    // Kathmandu hours: 00:00–00:15Z holds p1 (12 − 10 = 2); 00:15–01:15Z holds p2 and p3 (max 15 − 10 = 5): 7.
    expect(rate({ ...hourly, timeZone: "Asia/Kathmandu" }).quantity).toBe("7");
    // UTC hours: 00:00–01:00Z p1 and p2 (max 15 − 10 = 5); 01:00–02:00Z p3 (11 − 10 = 1): 6.
    expect(rate(hourly).quantity).toBe("6");
  });

  it("divides a cut window per second by its own seconds (the 900 s of Kathmandu's first hour)", () => {
    const perSecond = { size: "hour", aggregation: "sum", perSecond: true, timeZone: "Asia/Kathmandu" };
    const invoice = rateInvoice(
      parseContract({
        ...contractJson("UTC", perSecond),
        meters: [{ ...contractJson("UTC", perSecond).meters[0]!, aggregation: "max" }],
      }),
      [event("q1", "2026-02-01T00:05:00Z", 9), event("q2", "2026-02-01T00:30:00Z", 9)],
      "2026-02",
    );
    // 9 ÷ 900 s = 0.01 in the cut first window; 9 ÷ 3,600 s = 0.0025 in the next. Max 0.01.
    expect(invoice.lines[0]!.quantity).toBe("0.01");
  });

  it("refuses a window time zone that is no IANA zone, in words, at its JSON path", () => {
    const error = thrown(() => parseContract(contractJson(LA, { ...daily, timeZone: "Mars/Olympus" })));
    expect(error).toMatchObject({ code: "invalid_time_zone", path: "meters[0].window.timeZone" });
    expect((error as Error).message).toContain(
      `the windows' time zone "Mars/Olympus" is not an IANA time zone name such as "UTC"`,
    );
  });

  it("refuses a window time zone in another spelling, naming the standard one", () => {
    const error = thrown(() => parseContract(contractJson(LA, { ...daily, timeZone: "america/new_york" })));
    expect(error).toMatchObject({ code: "invalid_time_zone", path: "meters[0].window.timeZone" });
    expect((error as Error).message).toContain('must be written "America/New_York"');
  });
});
