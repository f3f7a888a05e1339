import { describe, expect, it } from "vitest";
import { aggregateUsage } from "../../src/meters/index.js";
import type { MeterTerms, UsageEvent } from "../../src/schema/index.js";
import { FEBRUARY_NY } from "../_arbitraries/events.js";

const bandwidthNa: MeterTerms = {
  id: "bandwidth_na",
  eventType: "cdn.bandwidth",
  aggregation: "sum",
  valueProperty: "gb",
  filters: [{ property: "region", op: "equals", value: "na" }],
};
const requestCount: MeterTerms = { id: "request_events", eventType: "cdn.requests", aggregation: "count" };
const meters = [bandwidthNa, requestCount];
const feb10 = Date.UTC(2026, 1, 10, 12);

function event(id: string, overrides: Partial<UsageEvent> = {}): UsageEvent {
  return {
    id,
    type: "cdn.bandwidth",
    customer: "cus_a",
    timestamp: feb10,
    properties: { region: "na", gb: "1.5" },
    ...overrides,
  };
}

const aggregate = (events: UsageEvent[]) =>
  aggregateUsage(events, { meters, customer: "cus_a", period: FEBRUARY_NY });

describe("aggregateUsage", () => {
  it("sums the value property of matching events exactly", () => {
    // 1.5 + 2.25 + 0.1 = 3.85 (no float drift: 0.1 stays 0.1)
    const result = aggregate([
      event("a"),
      event("b", { properties: { region: "na", gb: "2.25" } }),
      event("c", { properties: { region: "na", gb: 0.1 } }),
    ]);
    expect(result.meters[0]?.quantity.toFixed()).toBe("3.85");
    expect(result.meters[0]?.events).toBe(3);
  });

  it("counts events for a count meter", () => {
    const result = aggregate([
      event("r1", { type: "cdn.requests", properties: {} }),
      event("r2", { type: "cdn.requests", properties: {} }),
    ]);
    expect(result.meters[1]?.quantity.toFixed()).toBe("2");
  });

  it("counts an identical duplicate once and reports the extra copy", () => {
    const result = aggregate([event("a"), event("a"), event("a")]);
    // one copy counted: 1.5 GB; two copies reported as duplicates
    expect(result.meters[0]?.quantity.toFixed()).toBe("1.5");
    expect(result.excluded).toEqual([{ reason: "duplicate_id", events: 2, sampleIds: ["a"] }]);
  });

  it("treats the same instant written with another offset as the same payload", () => {
    const result = aggregate([event("a"), event("a", { timestamp: feb10 })]);
    expect(result.excluded.map((entry) => entry.reason)).toEqual(["duplicate_id"]);
  });

  it("excludes every copy of an id sent with different payloads", () => {
    const result = aggregate([event("a"), event("a", { properties: { region: "na", gb: "9" } }), event("b")]);
    // only b counts: 1.5 GB; both copies of a are conflicts
    expect(result.meters[0]?.quantity.toFixed()).toBe("1.5");
    expect(result.excluded).toEqual([{ reason: "conflicting_duplicate", events: 2, sampleIds: ["a"] }]);
  });

  it("reports each excluded event under exactly one reason, in the documented order", () => {
    const result = aggregate([
      event("ok"),
      event("other", { customer: "cus_b" }),
      event("logs", { type: "cdn.logs" }),
      event("late", { timestamp: FEBRUARY_NY.end }),
      event("early", { timestamp: FEBRUARY_NY.start - 1 }),
      event("latam", { properties: { region: "latam", gb: "1" } }),
      event("bad", { properties: { region: "na", gb: "n/a" } }),
      event("missing", { properties: { region: "na" } }),
      event("bool", { properties: { region: "na", gb: true } }),
    ]);
    expect(result.excluded).toEqual([
      { reason: "other_customer", events: 1, sampleIds: ["other"] },
      { reason: "unknown_event_type", events: 1, sampleIds: ["logs"] },
      { reason: "outside_period", events: 2, sampleIds: ["early", "late"] },
      { reason: "filtered_out", events: 1, sampleIds: ["latam"] },
      { reason: "invalid_value", events: 3, sampleIds: ["bad", "bool", "missing"] },
    ]);
    expect(result.eventsRead).toBe(9);
    expect(result.eventsCounted).toBe(1);
  });

  it("counts an event at exactly the period start and excludes one at exactly the end", () => {
    const result = aggregate([
      event("start", { timestamp: FEBRUARY_NY.start }),
      event("end", { timestamp: FEBRUARY_NY.end }),
    ]);
    expect(result.eventsCounted).toBe(1);
    expect(result.excluded).toEqual([{ reason: "outside_period", events: 1, sampleIds: ["end"] }]);
  });

  it("keeps only the five smallest ids as samples", () => {
    const ids = ["k", "c", "x", "a", "m", "b", "z"];
    const result = aggregate(ids.map((id) => event(id, { customer: "cus_other" })));
    expect(result.excluded[0]).toEqual({
      reason: "other_customer",
      events: 7,
      sampleIds: ["a", "b", "c", "k", "m"],
    });
  });

  it("applies in, not_in, not_equals and exists filters", () => {
    const filtered = (filters: MeterTerms["filters"]) =>
      aggregateUsage(
        [
          event("na", { properties: { region: "na", gb: "1" } }),
          event("eu", { properties: { region: "eu", gb: "10" } }),
          event("none", { properties: { gb: "100" } }),
        ],
        { meters: [{ ...bandwidthNa, filters: filters ?? [] }], customer: "cus_a", period: FEBRUARY_NY },
      ).meters[0]?.quantity.toFixed();
    // in [na, eu] → 1 + 10 = 11
    expect(filtered([{ property: "region", op: "in", values: ["na", "eu"] }])).toBe("11");
    // not_in [na] → eu 10 + no-region 100 = 110
    expect(filtered([{ property: "region", op: "not_in", values: ["na"] }])).toBe("110");
    // not_equals eu → 1 + 100 = 101
    expect(filtered([{ property: "region", op: "not_equals", value: "eu" }])).toBe("101");
    // exists region → 1 + 10 = 11
    expect(filtered([{ property: "region", op: "exists" }])).toBe("11");
  });

  it("counts an event only when it meets every filter, and never a value outside an in list", () => {
    const result = aggregateUsage(
      [
        event("na-gold", { properties: { region: "na", tier: "gold", gb: "1" } }),
        event("na-silver", { properties: { region: "na", tier: "silver", gb: "10" } }),
        event("eu-gold", { properties: { region: "eu", tier: "gold", gb: "100" } }),
        event("apac-gold", { properties: { region: "apac", tier: "gold", gb: "1000" } }),
        event("none-gold", { properties: { tier: "gold", gb: "10000" } }),
      ],
      {
        meters: [
          {
            ...bandwidthNa,
            filters: [
              { property: "region", op: "in", values: ["na", "eu"] },
              { property: "tier", op: "equals", value: "gold" },
            ],
          },
        ],
        customer: "cus_a",
        period: FEBRUARY_NY,
      },
    );
    // region na or eu, and tier gold: na-gold 1 + eu-gold 100 = 101 (apac, silver and no region left out)
    expect(result.meters[0]?.quantity.toFixed()).toBe("101");
  });

  it("does not let the text '1' match the number 1", () => {
    const result = aggregateUsage([event("a", { properties: { tier: 1, gb: "2" } })], {
      meters: [{ ...bandwidthNa, filters: [{ property: "tier", op: "equals", value: "1" }] }],
      customer: "cus_a",
      period: FEBRUARY_NY,
    });
    expect(result.excluded[0]?.reason).toBe("filtered_out");
  });

  it("excludes an event from every meter when one meter it matches cannot read its value", () => {
    const both: MeterTerms[] = [
      bandwidthNa,
      { id: "bw_events", eventType: "cdn.bandwidth", aggregation: "count" },
    ];
    const result = aggregateUsage([event("bad", { properties: { region: "na", gb: "" } })], {
      meters: both,
      customer: "cus_a",
      period: FEBRUARY_NY,
    });
    expect(result.meters.map((entry) => entry.events)).toEqual([0, 0]);
    expect(result.excluded[0]?.reason).toBe("invalid_value");
  });
});
