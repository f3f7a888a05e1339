import { describe, expect, it } from "vitest";
import { aggregateUsage, aggregateUsageAsync } from "../../src/meters/index.js";
import { Decimal } from "../../src/money/index.js";
import type { MeterTerms, UsageEvent } from "../../src/schema/index.js";
import { thrown } from "../_support/thrown.js";

const FEBRUARY = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };
const SECOND_HALF = { start: Date.UTC(2026, 1, 15), end: Date.UTC(2026, 2, 1) };
const event = (id: string, timestamp: number, properties: UsageEvent["properties"]): UsageEvent => ({
  id,
  type: "u",
  customer: "c",
  timestamp,
  properties,
});
const aggregate = (meters: MeterTerms[], events: UsageEvent[], options: object = {}) =>
  aggregateUsage(events, { meters, customer: "c", period: FEBRUARY, timeZone: "UTC", ...options });

describe("weighted_sum over part of a billing period", () => {
  const storage: MeterTerms = {
    id: "storage",
    eventType: "u",
    aggregation: "weighted_sum",
    valueProperty: "gb",
  };

  it("divides level × time by the whole billing period, so half a month of 100 GB is 50 GB-month", () => {
    // 100 GB from Feb 15 00:00 to Mar 1: 14 days of the 28-day billing period → 100 × 14 ÷ 28 = 50
    const result = aggregateUsage([event("s", Date.UTC(2026, 1, 15), { gb: "100" })], {
      meters: [storage],
      customer: "c",
      period: SECOND_HALF,
      billingPeriod: FEBRUARY,
      timeZone: "UTC",
    });
    expect(result.meters[0]!.quantity.toFixed()).toBe("50");
  });
});

describe("carried state is checked against the meters", () => {
  const seats: MeterTerms = {
    id: "seats",
    eventType: "u",
    aggregation: "unique_count",
    valueProperty: "user",
    persistent: true,
    operationProperty: "op",
  };

  it("counts a value listed twice in the carried active values once", () => {
    // active ["u1", "u1"] is one seat: billed 1, carried in 1, added 0
    const result = aggregate([seats], [], { carried: { seats: { active: ["u1", "u1"] } } });
    expect(result.meters[0]!.quantity.toFixed()).toBe("1");
    expect(result.meters[0]!.computation).toMatchObject({ carriedIn: "1", inPeriod: "0" });
  });

  it("refuses a carried state for a meter the contract does not have", () => {
    expect(thrown(() => aggregate([seats], [], { carried: { seets: { active: ["u1"] } } }))).toMatchObject({
      code: "invalid_field",
      path: "options.carried.seets",
    });
  });

  it("refuses a wrong carried state before a streamed source is read", async () => {
    let reads = 0;
    const source = () => {
      reads += 1;
      return [event("a", Date.UTC(2026, 1, 2), { user: "u1" })];
    };
    const options = {
      meters: [seats],
      customer: "c",
      period: FEBRUARY,
      carried: { seets: { active: ["u1"] } },
    };
    await expect(aggregateUsageAsync(source, options)).rejects.toMatchObject({
      path: "options.carried.seets",
    });
    expect(reads).toBe(0);
  });

  it("refuses a carried field the meter does not carry", () => {
    expect(thrown(() => aggregate([seats], [], { carried: { seats: { level: "5" } } }))).toMatchObject({
      code: "invalid_field",
      path: "options.carried.seats.level",
    });
  });

  it("excludes an event whose operation is neither add nor remove", () => {
    const events = [
      event("a", Date.UTC(2026, 1, 2), { user: "u1", op: "add" }),
      event("b", Date.UTC(2026, 1, 3), { user: "u1", op: "Remove" }),
    ];
    const result = aggregate([seats], events);
    // "Remove" is not "remove": that event is invalid_value; u1 stays active → billed 1, carried out ["u1"]
    expect(result.meters[0]!.quantity.toFixed()).toBe("1");
    expect(result.excluded).toEqual([{ reason: "invalid_value", events: 1, sampleIds: ["b"] }]);
    expect(result.carryOut).toEqual({ seats: { active: ["u1"] } });
  });
});

describe("value limits", () => {
  const total: MeterTerms = { id: "total", eventType: "u", aggregation: "sum", valueProperty: "v" };

  it("refuses values of 10^50 and more, written as numbers or text, as invalid_value", () => {
    const events = [
      event("a", Date.UTC(2026, 1, 2), { v: 1e300 }),
      event("b", Date.UTC(2026, 1, 2), { v: "123456e48" }),
      event("c", Date.UTC(2026, 1, 2), { v: "2.5" }),
    ];
    const result = aggregate([total], events);
    // only c counts: 2.5
    expect(result.meters[0]!.quantity.toFixed()).toBe("2.5");
    expect(result.excluded).toEqual([{ reason: "invalid_value", events: 2, sampleIds: ["a", "b"] }]);
  });
});

describe("daily quantities", () => {
  it("are kept only for plain sums and counts, whose days add up to the quantity", () => {
    const hours: MeterTerms = {
      id: "hours",
      eventType: "u",
      aggregation: "sum",
      valueProperty: "seconds",
      entity: { property: "vm", divideBy: new Decimal(3600), round: "up" },
    };
    const plain: MeterTerms = { id: "plain", eventType: "u", aggregation: "sum", valueProperty: "seconds" };
    const events = [event("a", Date.UTC(2026, 1, 2), { vm: "x", seconds: "5400" })];
    const result = aggregate([hours, plain], events, { daily: true });
    // the entity meter: 5,400 s → 1.5 h → 2 h, which no daily sum of seconds would show: no daily
    expect(result.meters[0]!.daily).toBeUndefined();
    // the plain sum: 28 days, 5,400 on Feb 2
    expect(result.meters[1]!.daily).toHaveLength(28);
    expect(result.meters[1]!.daily?.[1]?.quantity.toFixed()).toBe("5400");
  });
});
