import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AggregateUsageOptions, aggregateUsage } from "../../src/meters/index.js";
import { Decimal } from "../../src/money/index.js";
import type { MeterTerms, PropertyValue, UsageEvent } from "../../src/schema/index.js";
import {
  anyDecimalValueArb,
  CUSTOMER,
  EVENT_TYPE,
  FEBRUARY_UTC,
  invalidValueArb,
  METERS_BY_KIND,
  resultJson,
  usageEvent,
} from "../_arbitraries/meters.js";

// Two fast paths of counting events in memory (issue 14): events of a contract's only type counted
// without classify's lists when every meter of the type reads a plain number (EventPass.countPlain),
// and a sum's short values added in slots (SumLanes, in MeterAccumulator). An observer turns off the
// first (and deduplicates before counting) and daily quantities the second: the same events must give
// the same result, to the byte, with both paths and with neither.

const feb = (day: number) => Date.UTC(2026, 1, day);
const OTHER_TYPE = "other_type";

const eventArb: fc.Arbitrary<UsageEvent> = fc
  .record({
    id: fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 5 }).map((n) => `r${n}`), weight: 1 },
      { arbitrary: fc.integer({ min: 0, max: 9999 }).map((n) => `u${n}`), weight: 6 },
    ),
    day: fc.constantFrom(1, 2, 3, 20, 40),
    v: fc.oneof(
      { arbitrary: fc.constantFrom("1", "2.5", "-0", "0.000000001", "99999999999.999999999"), weight: 4 },
      { arbitrary: anyDecimalValueArb as fc.Arbitrary<PropertyValue | undefined>, weight: 4 },
      { arbitrary: invalidValueArb, weight: 1 },
    ),
    region: fc.constantFrom<PropertyValue | undefined>("na", "eu", "latam", 1, "1", null, undefined),
    dir: fc.constantFrom<PropertyValue | undefined>("in", "out", undefined),
    customer: fc.constantFrom(CUSTOMER, CUSTOMER, CUSTOMER, "cus_other"),
    type: fc.constantFrom(EVENT_TYPE, EVENT_TYPE, EVENT_TYPE, OTHER_TYPE),
  })
  .map(({ id, day, v, region, dir, customer, type }) => {
    const properties: Record<string, PropertyValue> = {};
    if (v !== undefined) properties.v = v;
    if (region !== undefined) properties.region = region;
    if (dir !== undefined) properties.dir = dir;
    return usageEvent(id, feb(day), properties, { customer, type });
  });

const inOrOut: MeterTerms["filters"] = [{ property: "region", op: "in", values: ["na", "eu", 1] }];
// Plain meters (countPlain may count them), laned or not, and meters that are not plain.
const METERS: ReadonlyArray<MeterTerms> = [
  { ...METERS_BY_KIND.sum, filters: inOrOut },
  { ...METERS_BY_KIND.sum, id: "m_sum_all" },
  METERS_BY_KIND.avg,
  METERS_BY_KIND.max,
  METERS_BY_KIND.min,
  METERS_BY_KIND.latest,
  METERS_BY_KIND.count,
  METERS_BY_KIND.unique_count,
  {
    ...METERS_BY_KIND.percentile,
    id: "m_p95_directed",
    percentile: {
      rank: new Decimal(95),
      direction: { property: "dir", combine: "max_per_sample" },
    },
  },
  { id: "m_sum_derived", eventType: EVENT_TYPE, aggregation: "sum", value: { property: "v" } },
  { ...METERS_BY_KIND.sum, id: "m_sum_other_type", eventType: OTHER_TYPE },
];

const observer = { counted: () => undefined, excluded: () => undefined };

function optionsOf(meters: ReadonlyArray<MeterTerms>, asOf: number | undefined, deduplicate: boolean) {
  const options: AggregateUsageOptions = {
    meters,
    customer: CUSTOMER,
    period: { start: FEBRUARY_UTC.start, end: feb(21) },
    timeZone: "UTC",
    deduplicate,
    requests: new Map(
      meters.map((meter, index) => [
        meter.id,
        { groupings: index % 2 === 0 ? [["region"]] : [["region"], ["dir"]], collectValues: false },
      ]),
    ),
  };
  return asOf === undefined ? options : { ...options, asOf };
}

describe("counting plain meters and sums in slots", () => {
  it("gives the general path's result: quantities, groups, exclusions and their samples", () => {
    fc.assert(
      fc.property(
        fc.array(eventArb, { maxLength: 400, size: "max" }),
        fc.subarray([...METERS], { minLength: 1, maxLength: 4 }),
        fc.constantFrom(undefined, feb(10)),
        fc.boolean(),
        (events, meters, asOf, deduplicate) => {
          const options = optionsOf(meters, asOf, deduplicate);
          const fast = resultJson(aggregateUsage(events, options));
          expect(fast).toBe(resultJson(aggregateUsage(events, { ...options, observer, daily: true })));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("counts a sum's values exactly, each group's too, whatever their order", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(eventArb, fc.nat()), { maxLength: 300, size: "max" }), (tagged) => {
        const events = tagged.map(([event], index) => ({ ...event, id: `e${index}`, type: EVENT_TYPE }));
        const shuffled = tagged
          .map(([, key], index) => ({ key, event: events[index]! }))
          .sort((a, b) => a.key - b.key)
          .map(({ event }) => event);
        const options = optionsOf([{ ...METERS_BY_KIND.sum, filters: inOrOut }], undefined, true);
        const result = aggregateUsage(events, options);
        expect(resultJson(aggregateUsage(shuffled, options))).toBe(resultJson(result));
        // The reference: decimal.js over the events the meter counts (the customer's, in February's
        // first 20 days, of region na, eu or 1, with a value that is a quantity).
        const counted = events.filter(
          (event) =>
            event.customer === CUSTOMER &&
            event.timestamp < feb(21) &&
            ["na", "eu", 1].includes(event.properties.region as never),
        );
        const invalid = result.excluded.find((entry) => entry.reason === "invalid_value")?.events ?? 0;
        expect(result.eventsCounted + invalid).toBe(counted.length);
        const valid = counted.filter((event) => isQuantity(event.properties.v));
        expect(result.eventsCounted).toBe(valid.length);
        const total = valid.reduce((sum, event) => sum.plus(String(event.properties.v)), new Decimal(0));
        expect(result.meters[0]!.quantity.toFixed()).toBe(total.toFixed());
      }),
      { numRuns: 100 },
    );
  });
});

// A value a meter reads as a number: decimal text or a finite number, below 10^15, at most 9 decimals.
function isQuantity(value: PropertyValue | undefined): boolean {
  if (typeof value !== "string" && typeof value !== "number") return false;
  const text = String(value);
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return false;
  const decimal = new Decimal(text);
  return decimal.isFinite() && decimal.abs().lessThan("1e15") && decimal.decimalPlaces() <= 9;
}
