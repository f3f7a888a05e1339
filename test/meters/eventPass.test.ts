import { describe, expect, it } from "vitest";
import { type AggregateUsageOptions, aggregateUsage, type EventObserver } from "../../src/meters/index.js";
import { Decimal } from "../../src/money/index.js";
import type { ExclusionReason, MeterTerms, UsageEvent } from "../../src/schema/index.js";
import { thrown } from "../_support/thrown.js";

// The event pass (src/meters/eventPass.ts) called through aggregateUsage, one rule per test: which
// events it counts, which meters it feeds, what it tells an observer and which fields a meter's
// quantity has. Everything is computed inside each `it` and every meter is a fresh object: Stryker's
// per-test coverage credits a describe body to no test, and compileMeter keeps the reducer of a meter
// object it has seen (src/meters/compileMeter.ts), so a shared meter could hide a mutant.
const FEBRUARY = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };
const feb = (day: number, hour = 0) => Date.UTC(2026, 1, day, hour);
const event = (
  id: string,
  timestamp: number,
  properties: UsageEvent["properties"],
  type = "u",
): UsageEvent => ({
  id,
  type,
  customer: "c",
  timestamp,
  properties,
});
const sum = (fields: Partial<MeterTerms> = {}): MeterTerms =>
  ({ id: "gb", eventType: "u", aggregation: "sum", valueProperty: "gb", ...fields }) as MeterTerms;
const count = (fields: Partial<MeterTerms> = {}): MeterTerms =>
  ({ id: "calls", eventType: "u", aggregation: "count", ...fields }) as MeterTerms;
const aggregate = (
  meters: MeterTerms[],
  events: UsageEvent[],
  options: Partial<AggregateUsageOptions> = {},
) => aggregateUsage(events, { meters, customer: "c", period: FEBRUARY, timeZone: "UTC", ...options });

/** An observer that writes down every call, meters by id. */
function recorder() {
  const calls: string[] = [];
  const observer: EventObserver = {
    counted: (counted, meters) => calls.push(`counted ${counted.id} by ${meters.map((m) => m.id).join("+")}`),
    excluded: (reason: ExclusionReason, id, events) => calls.push(`excluded ${id} ${reason} ×${events}`),
  };
  return { calls, observer };
}

describe("the event pass feeds each event to the meters that count it, and no other", () => {
  it("feeds a later event only the meters it matches, not those an earlier event matched", () => {
    const eu = sum({ id: "eu", filters: [{ property: "region", op: "equals", value: "eu" }] });
    const calls = count();
    // a (eu) matches both meters; b (na) only the count: the count sees a and b, the eu sum only a
    const result = aggregate(
      [eu, calls],
      [event("a", feb(2), { gb: 2, region: "eu" }), event("b", feb(3), { gb: 3, region: "na" })],
    );
    expect(result.meters.map((meter) => [meter.meter.id, meter.quantity.toFixed(), meter.events])).toEqual([
      ["eu", "2", 1],
      ["calls", "2", 2],
    ]);
    expect(result.eventsCounted).toBe(2);
  });

  it("tells an observer which meters counted each event, and why each other event was excluded", () => {
    const { calls, observer } = recorder();
    const eu = sum({ id: "eu", filters: [{ property: "region", op: "equals", value: "eu" }] });
    aggregate(
      [eu, count()],
      [
        event("a", feb(2), { gb: 2, region: "eu" }),
        event("b", feb(3), { gb: 3, region: "na" }),
        { ...event("c", feb(4), {}), customer: "other" },
        event("d", feb(5), {}, "x"),
        event("e", FEBRUARY.end, {}),
        event("f", feb(6), { gb: "abc", region: "eu" }),
      ],
      { observer },
    );
    // b after a: the observer hears of the count alone, not of a's two meters again
    expect(calls).toEqual([
      "counted a by eu+calls",
      "counted b by calls",
      "excluded c other_customer ×1",
      "excluded d unknown_event_type ×1",
      "excluded e outside_period ×1",
      "excluded f invalid_value ×1",
    ]);
  });

  it("counts the period's first instant and its last millisecond, not the instant it ends", () => {
    const result = aggregate(
      [count()],
      [
        event("before", FEBRUARY.start - 1, {}),
        event("first", FEBRUARY.start, {}),
        event("last", FEBRUARY.end - 1, {}),
        event("end", FEBRUARY.end, {}),
      ],
    );
    // [Feb 1 00:00, Mar 1 00:00): first and last count, 2 events; before and end are outside
    expect(result.meters[0]!.quantity.toFixed()).toBe("2");
    expect(result.excluded).toEqual([{ reason: "outside_period", events: 2, sampleIds: ["before", "end"] }]);
  });

  it("excludes a preview's events at or after its as-of instant, and counts the millisecond before", () => {
    const asOf = feb(10);
    const events = [event("a", asOf - 1, {}), event("b", asOf, {}), event("c", feb(20), {})];
    const preview = aggregate([count()], events, { asOf });
    // a counts (before as-of); b (at it) and c (after it) are after_as_of
    expect(preview.meters[0]!.quantity.toFixed()).toBe("1");
    expect(preview.excluded).toEqual([{ reason: "after_as_of", events: 2, sampleIds: ["b", "c"] }]);
    // without as-of, the whole period counts: 3 events
    expect(aggregate([count()], events).meters[0]!.quantity.toFixed()).toBe("3");
  });

  it("names another customer's event before its type or instant: other_customer wins", () => {
    const result = aggregate([count()], [{ ...event("z", FEBRUARY.end + 1, {}, "x"), customer: "other" }]);
    expect(result.excluded).toEqual([{ reason: "other_customer", events: 1, sampleIds: ["z"] }]);
  });
});

describe("what a meter needs from an event's value", () => {
  it('reads no value for a meter without a value property, even from a property named "undefined"', () => {
    // a count keeping per-transaction values: an event without a value is worth 1, whatever it carries
    const result = aggregate([count()], [event("a", feb(2), { undefined: 5 })], {
      requests: new Map([["calls", { groupings: [], collectValues: true }]]),
    });
    expect(result.meters[0]!.values!.map((value) => value.toFixed())).toEqual(["1"]);
  });

  it("reads no operation for a meter without an operation property, nor a direction without one", () => {
    // a plain sum: a property named "undefined" is no operation or direction to check
    const result = aggregate([sum()], [event("a", feb(2), { gb: "2", undefined: "x" })]);
    expect(result.meters[0]!.quantity.toFixed()).toBe("2");
    expect(result.excluded).toEqual([]);
  });

  it("refuses an event whose timestamp was never parsed, naming the event", () => {
    const unparsed = { ...event("t1", feb(2), {}), timestamp: "2026-02-02T00:00:00Z" as unknown as number };
    const error = thrown(() => aggregate([count()], [unparsed])) as {
      name: string;
      code: string;
      path: string;
      message: string;
      details: unknown;
    };
    expect([error.name, error.code, error.path, error.details]).toEqual([
      "UsageError",
      "invalid_event",
      "timestamp",
      { eventId: "t1" },
    ]);
    expect(error.message).toBe(
      'Event "t1" has timestamp the text "2026-02-02T00:00:00Z", but this function takes parsed events (timestamp in epoch milliseconds, as parseUsageEvent returns them). Use rateInvoice for events as they were sent, or parse each with parseUsageEvent first.',
    );
  });

  it("counts windows of counts without a value: a max of hourly counts reads no value property", () => {
    const peak = {
      id: "peak",
      eventType: "u",
      aggregation: "max",
      window: { size: "hour", aggregation: "count" },
    } as MeterTerms;
    // 3 events in the 10:00 hour, 1 in the 11:00 hour, none with a value: max(3, 1) = 3
    const result = aggregate(
      [peak],
      [
        event("a", feb(2, 10), {}),
        event("b", feb(2, 10), {}),
        event("c", feb(2, 10), {}),
        event("d", feb(2, 11), {}),
      ],
    );
    expect(result.meters[0]!.quantity.toFixed()).toBe("3");
    expect(result.excluded).toEqual([]);
  });

  it("refuses a value of 10^15 or more as a quantity, and takes 999,999,999,999,999", () => {
    const result = aggregate(
      [sum()],
      [event("a", feb(2), { gb: "999999999999999" }), event("b", feb(3), { gb: "1e15" })],
    );
    // 15 nines is below 10^15 (docs/decisions/numeric-bounds.md): counted; 1e15 is the bound itself
    expect(result.meters[0]!.quantity.toFixed()).toBe("999999999999999");
    expect(result.excluded).toEqual([{ reason: "invalid_value", events: 1, sampleIds: ["b"] }]);
  });

  it("takes a JSON number too long for the short path: 123,456,789,012.5 (12 whole digits)", () => {
    // more than 11 whole digits goes the exact way; still below 10^15, so it counts
    const result = aggregate([sum()], [event("a", feb(2), { gb: 123_456_789_012.5 })]);
    expect(result.meters[0]!.quantity.toFixed()).toBe("123456789012.5");
    expect(result.excluded).toEqual([]);
  });

  it("counts a derived value with more decimals than a read value may have", () => {
    // 1 MB × 1 ms × 1/1,024,000 = 0.0000009765625 GB-s: 13 decimals, within a derived value's bound
    // (a value read from a property may have 9); 2 events: 0.000001953125
    const gbSeconds = sum({
      valueProperty: undefined,
      value: {
        multiply: [{ property: "mb" }, { property: "ms" }, { constant: new Decimal("0.0000009765625") }],
      },
    });
    const result = aggregate(
      [gbSeconds],
      [event("a", feb(2), { mb: 1, ms: 1 }), event("b", feb(3), { mb: "1", ms: "1" })],
    );
    expect(result.meters[0]!.quantity.toFixed()).toBe("0.000001953125");
    expect(result.excluded).toEqual([]);
  });

  it("refuses an event without the direction an in/out percentile needs", () => {
    const transit = {
      id: "transit",
      eventType: "u",
      aggregation: "percentile",
      valueProperty: "bytes",
      window: { size: "hour", aggregation: "sum" },
      percentile: { rank: new Decimal(95), direction: { property: "dir", combine: "max_per_sample" } },
    } as MeterTerms;
    // a has its direction, b has none, c's is a number: b and c are refused
    const result = aggregate(
      [transit],
      [
        event("a", feb(2), { bytes: 5, dir: "in" }),
        event("b", feb(2), { bytes: 7 }),
        event("c", feb(2), { bytes: 9, dir: 1 }),
      ],
    );
    expect(result.excluded).toEqual([{ reason: "invalid_value", events: 2, sampleIds: ["b", "c"] }]);
    expect(result.meters[0]!.events).toBe(1);
  });

  it("reads a value property named like Object.prototype's members as the event's own, or as missing", () => {
    const users = count({ id: "users", aggregation: "unique_count", valueProperty: "constructor" });
    // a and b carry their own "constructor" (2 distinct values); c has none: not the inherited function
    const result = aggregate(
      [users],
      [
        event("a", feb(2), { constructor: "x" }),
        event("b", feb(3), { constructor: 7 }),
        event("c", feb(4), {}),
      ],
    );
    expect(result.meters[0]!.quantity.toFixed()).toBe("2");
    expect(result.excluded).toEqual([{ reason: "invalid_value", events: 1, sampleIds: ["c"] }]);
  });

  it("reads the operation of a persistent unique count only: a plain unique count ignores the property", () => {
    const users = count({
      id: "users",
      aggregation: "unique_count",
      valueProperty: "user",
      operationProperty: "op",
    });
    // not persistent: "delete" is just another property, both users count
    const result = aggregate(
      [users],
      [event("a", feb(2), { user: "u1", op: "delete" }), event("b", feb(3), { user: "u2" })],
    );
    expect(result.meters[0]!.quantity.toFixed()).toBe("2");
    expect(result.excluded).toEqual([]);
  });
});

describe("the fields of each meter's quantity", () => {
  it("gives a plain sum only its meter, events and quantity, and carries nothing out", () => {
    const result = aggregate([sum()], [event("a", feb(2), { gb: "1.5" })]);
    expect(Object.keys(result.meters[0]!)).toEqual(["meter", "events", "quantity"]);
    // no key at all (toEqual({}) would pass a key holding undefined)
    expect(Object.keys(result.carryOut)).toEqual([]);
    expect(result.groups).toEqual([]);
  });

  it("adds the values asked for, the windows of a windowed meter and the days asked for", () => {
    const values = aggregate([sum()], [event("a", feb(2), { gb: "1.5" })], {
      requests: new Map([["gb", { groupings: [], collectValues: true }]]),
    });
    expect(Object.keys(values.meters[0]!)).toEqual(["meter", "events", "quantity", "values"]);
    const windowed = aggregate(
      [sum({ aggregation: "max", window: { size: "day", aggregation: "sum" } })],
      [event("a", feb(2), { gb: "1.5" })],
    );
    expect(Object.keys(windowed.meters[0]!)).toEqual([
      "meter",
      "events",
      "quantity",
      "computation",
      "windows",
    ]);
    const daily = aggregate([sum()], [event("a", feb(2), { gb: "1.5" })], { daily: true });
    expect(Object.keys(daily.meters[0]!)).toEqual(["meter", "events", "quantity", "daily"]);
    // 28 days of February, 1.5 on the 2nd
    expect(daily.meters[0]!.daily).toHaveLength(28);
    expect(daily.meters[0]!.daily![1]).toEqual({ date: "2026-02-02", quantity: expect.anything() });
    expect(daily.meters[0]!.daily![1]!.quantity.toFixed()).toBe("1.5");
  });

  it("keeps days only when asked: daily false or absent gives none", () => {
    const events = [event("a", feb(2), { gb: "1.5" })];
    expect(aggregate([sum()], events, { daily: false }).meters[0]).not.toHaveProperty("daily");
    expect(aggregate([sum()], events).meters[0]).not.toHaveProperty("daily");
  });

  it("writes the days in UTC when the options name no time zone", () => {
    // 23:30 UTC on Feb 2 is Feb 2 in UTC (it would be Feb 3 in Tokyo)
    const result = aggregateUsage([event("a", Date.UTC(2026, 1, 2, 23, 30), { gb: "4" })], {
      meters: [sum()],
      customer: "c",
      period: FEBRUARY,
      daily: true,
    });
    const days = result.meters[0]!.daily!.filter((day) => !day.quantity.isZero());
    expect(days.map((day) => [day.date, day.quantity.toFixed()])).toEqual([["2026-02-02", "4"]]);
  });

  it("groups only the meters a request names, in the meters' order", () => {
    const result = aggregate(
      [sum(), count()],
      [event("a", feb(2), { gb: "1", region: "eu" }), event("b", feb(3), { gb: "2", region: "na" })],
      { requests: new Map([["calls", { groupings: [["region"]], collectValues: false }]]) },
    );
    expect(result.groups.map((grouped) => [grouped.meter, grouped.dimensions])).toEqual([
      ["calls", ["region"]],
    ]);
    expect(result.groups[0]!.groups.map((group) => [group.group, group.quantity.toFixed()])).toEqual([
      [{ region: "eu" }, "1"],
      [{ region: "na" }, "1"],
    ]);
  });
});
