import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import type { MeterTerms, WeightedTerms } from "../../src/schema/index.js";
import { aggregateFor, EVENT_TYPE, FEBRUARY_UTC, usageEvent } from "../_arbitraries/meters.js";

const MARCH_UTC = { start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 1) };
const FEB_MAR_UTC = { start: FEBRUARY_UTC.start, end: MARCH_UTC.end };

function storage(weighted: WeightedTerms = {}): MeterTerms {
  return { id: "storage", eventType: EVENT_TYPE, aggregation: "weighted_sum", valueProperty: "gb", weighted };
}

// 100 GB stored from Feb 1 00:00Z, 400 GB from Feb 15 00:00Z (a 28-day February).
const february = [
  usageEvent("s1", Date.UTC(2026, 1, 1), { gb: "100" }),
  usageEvent("s2", Date.UTC(2026, 1, 15), { gb: "400" }),
];

describe("weighted_sum: fixed months", () => {
  // Supabase: "Each hour your project is using more than 8 GB of GP3 disk, it incurs the overages in
  // GB-Hrs, i.e. a 16 GB disk incurs 8 GB-Hrs every hour. Extra disk size costs $0.125/GB/month
  // ($0.000171/GB-Hr)" — 0.125 ÷ 730 = 0.000171…: a month of 730 hours.
  const march = [usageEvent("d1", Date.UTC(2026, 2, 1), { gb: "8" })];

  it("divides 8 GB over all of March (744 hours) by a 730-hour month", () => {
    const result = aggregateFor([storage({ per: "month_730_hours" })], march, MARCH_UTC);
    // 8 GB × 744 h = 5,952 GB-hours; ÷ 730 = 8.1534246575… GB-month (× $0.125 = $1.0191…, $1.02;
    // Supabase's hourly price gives 5,952 × $0.000171 = $1.017792, also $1.02)
    expect(result.meters[0]!.quantity.toDecimalPlaces(10).toFixed()).toBe("8.1534246575");
    expect(result.meters[0]!.quantity.times(730).toFixed()).toBe("5952");
    expect(result.meters[0]!.computation).toMatchObject({ kind: "weighted", per: "month_730_hours" });
  });

  it("divides by a 30-day month: 8 GB all February is 7.4666… GB-month, all March 8.2666…", () => {
    // February: 8 GB × 28 days = 224 GB-days ÷ 30 = 7.4666…
    expect(
      aggregateFor([storage({ per: "month_30_days" })], [usageEvent("f1", FEBRUARY_UTC.start, { gb: "8" })])
        .meters[0]!.quantity.times(30)
        .toFixed(),
    ).toBe("224");
    // March: 8 GB × 31 days = 248 GB-days ÷ 30 = 8.2666…
    expect(
      aggregateFor([storage({ per: "month_30_days" })], march, MARCH_UTC)
        .meters[0]!.quantity.times(30)
        .toFixed(),
    ).toBe("248");
  });

  it("reproduces Cloudflare R2's example: 1 GB for 5 days then 3 GB for 25 is 2.66 GB-month", () => {
    // R2 pricing: "1 GB * 5/30 month + 3 GB * 25/30 month = 2.66 GB-month". April has 30 days: 1 GB
    // April 1–5 (5 days), 3 GB from April 6 (25 days): (1 × 5 + 3 × 25) ÷ 30 = 80 ÷ 30 = 2.6666…
    const april = { start: Date.UTC(2026, 3, 1), end: Date.UTC(2026, 4, 1) };
    const events = [
      usageEvent("r1", april.start, { gb: "1" }),
      usageEvent("r2", Date.UTC(2026, 3, 6), { gb: "3" }),
    ];
    const quantity = aggregateFor([storage({ per: "month_30_days" })], events, april).meters[0]!.quantity;
    // (÷ 30 is a 50-digit quotient, so × 30 comes back within a unit of its 50th digit)
    expect(quantity.times(30).toDecimalPlaces(30).toFixed()).toBe("80");
    expect(quantity.toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed()).toBe("2.66");
  });

  it("keeps the calendar by default: 8 GB all March is 8 GB-month", () => {
    expect(aggregateFor([storage()], march, MARCH_UTC).meters[0]!.quantity.toFixed()).toBe("8");
  });
});

describe("weighted_sum: levels", () => {
  it("bills 100 GB for 14 days then 400 GB for 14 days of February as 250 GB-month", () => {
    const result = aggregateFor([storage()], february);
    // (100 × 14 + 400 × 14) GB-days ÷ 28 days = (1,400 + 5,600) ÷ 28 = 7,000 ÷ 28 = 250 GB-month
    expect(result.meters[0]!.quantity.toFixed()).toBe("250");
    expect(result.meters[0]!.events).toBe(2);
    expect(result.meters[0]!.computation).toEqual({
      kind: "weighted",
      openingLevel: "0",
      closingLevel: "400",
      per: "period",
      points: 2,
      // the 100 GB event is at 1 February 00:00: it, not the opening 0, holds from the start
      setAtStart: "100",
    });
    // the closing level, 400 GB, carries into March
    expect(result.carryOut).toEqual({ storage: { level: "400" } });
  });

  it("bills the same levels per hour as GB-hours and per day as GB-days", () => {
    // 100 GB × 336 h + 400 GB × 336 h = 33,600 + 134,400 = 168,000 GB-hours
    expect(aggregateFor([storage({ per: "hour" })], february).meters[0]!.quantity.toFixed()).toBe("168000");
    // 100 × 14 + 400 × 14 = 7,000 GB-days
    expect(aggregateFor([storage({ per: "day" })], february).meters[0]!.quantity.toFixed()).toBe("7000");
    // 7,000 days × 86,400 s = 604,800,000 GB-seconds
    expect(aggregateFor([storage({ per: "second" })], february).meters[0]!.quantity.toFixed()).toBe(
      "604800000",
    );
  });

  it("starts at 0 without a carried level: the first event sets the level from its instant", () => {
    // 0 GB for Feb 1–7 (7 days), 280 GB for Feb 8–28 (21 days): 280 × 21 ÷ 28 = 210 GB-month
    const result = aggregateFor([storage()], [usageEvent("s", Date.UTC(2026, 1, 8), { gb: 280 })]);
    expect(result.meters[0]!.quantity.toFixed()).toBe("210");
  });

  it("orders two levels set at the same instant by id: the larger id holds", () => {
    // at Feb 15 00:00 "s2a" sets 200 and "s2b" sets 400; s2b (the larger id) wins → the 250 of above
    const events = [
      february[0]!,
      usageEvent("s2b", Date.UTC(2026, 1, 15), { gb: "400" }),
      usageEvent("s2a", Date.UTC(2026, 1, 15), { gb: "200" }),
    ];
    expect(aggregateFor([storage()], events).meters[0]!.quantity.toFixed()).toBe("250");
  });
});

describe("weighted_sum: across a period boundary", () => {
  it("continues March from February's closing level", () => {
    // March has 31 days. 400 GB carried in for Mar 1–10 (10 days), 28 GB from Mar 11 00:00 (21 days):
    // (400 × 10 + 28 × 21) ÷ 31 = (4,000 + 588) ÷ 31 = 4,588 ÷ 31 = 148 GB-month
    const march = [usageEvent("m1", Date.UTC(2026, 2, 11), { gb: "28" })];
    const carried = aggregateFor([storage()], february).carryOut;
    const result = aggregateFor([storage()], march, MARCH_UTC, { carried });
    expect(result.meters[0]!.quantity.toFixed()).toBe("148");
    expect(result.meters[0]!.computation).toMatchObject({ openingLevel: "400", closingLevel: "28" });
    expect(result.carryOut).toEqual({ storage: { level: "28" } });
  });

  it("ignores events before the period: the opening level comes only from the carried state", () => {
    // the Feb event is outside March; no carried level → 0 for 10 days, then 28 GB for 21 days:
    // 28 × 21 ÷ 31 = 588 ÷ 31 GB-month
    const events = [...february, usageEvent("m1", Date.UTC(2026, 2, 11), { gb: "28" })];
    const result = aggregateFor([storage()], events, MARCH_UTC);
    expect(result.meters[0]!.quantity.equals(new Decimal(588).div(31))).toBe(true);
    expect(result.excluded).toEqual([{ reason: "outside_period", events: 2, sampleIds: ["s1", "s2"] }]);
  });

  it("holds a carried level through a period without events", () => {
    // 7 GB all of March: 7 GB-month; 7 × 744 h = 5,208 GB-hours
    const carried = { storage: { level: "7" } };
    expect(aggregateFor([storage()], [], MARCH_UTC, { carried }).meters[0]!.quantity.toFixed()).toBe("7");
    expect(
      aggregateFor([storage({ per: "hour" })], [], MARCH_UTC, { carried }).meters[0]!.quantity.toFixed(),
    ).toBe("5208");
  });

  it("gives in two periods in sequence the GB-hours of the two months as one period", () => {
    const march = [usageEvent("m1", Date.UTC(2026, 2, 11), { gb: "28" })];
    const meter = storage({ per: "hour" });
    const feb = aggregateFor([meter], [...february, ...march], FEBRUARY_UTC);
    const mar = aggregateFor([meter], [...february, ...march], MARCH_UTC, { carried: feb.carryOut });
    const whole = aggregateFor([meter], [...february, ...march], FEB_MAR_UTC);
    // Feb: 168,000 GB-hours; Mar: 400 × 240 h + 28 × 504 h = 96,000 + 14,112 = 110,112 GB-hours
    // together 278,112 GB-hours, the same as Feb 1 – Apr 1 in one period
    expect(feb.meters[0]!.quantity.toFixed()).toBe("168000");
    expect(mar.meters[0]!.quantity.toFixed()).toBe("110112");
    expect(whole.meters[0]!.quantity.toFixed()).toBe("278112");
  });
});

describe("weighted_sum: changes", () => {
  it("adds each change to the level, starting from the carried level", () => {
    // 50 GB carried in (Feb 1–7, 7 days), +50 on Feb 8 → 100 GB (14 days), −100 on Feb 22 → 0 (7 days):
    // (50 × 7 + 100 × 14 + 0 × 7) ÷ 28 = (350 + 1,400) ÷ 28 = 1,750 ÷ 28 = 62.5 GB-month
    const events = [
      usageEvent("c1", Date.UTC(2026, 1, 8), { gb: "+50" }),
      usageEvent("c2", Date.UTC(2026, 1, 22), { gb: "-100" }),
    ];
    const result = aggregateFor([storage({ values: "change" })], events, FEBRUARY_UTC, {
      carried: { storage: { level: "50" } },
    });
    expect(result.meters[0]!.quantity.toFixed()).toBe("62.5");
    expect(result.carryOut).toEqual({ storage: { level: "0" } });
  });

  it("bills +100 on Feb 1 and +300 on Feb 15 like the levels 100 and 400: 250 GB-month", () => {
    // levels 100 (14 days) and 100 + 300 = 400 (14 days): 7,000 ÷ 28 = 250
    const events = [
      usageEvent("c1", Date.UTC(2026, 1, 1), { gb: "100" }),
      usageEvent("c2", Date.UTC(2026, 1, 15), { gb: "300" }),
    ];
    expect(aggregateFor([storage({ values: "change" })], events).meters[0]!.quantity.toFixed()).toBe("250");
  });
});
