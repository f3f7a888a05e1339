import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { idHash } from "../../src/meters/idHash.js";
import {
  type AggregateUsageOptions,
  type AggregateUsageResult,
  aggregateUsage,
  aggregateUsageAsync,
} from "../../src/meters/index.js";
import { pairHash } from "../../src/meters/pairHash.js";
import type { MeterTerms, UsageEvent } from "../../src/schema/index.js";
import { CUSTOMER, EVENT_TYPE, FEBRUARY_UTC, resultJson, usageEvent } from "../_arbitraries/meters.js";

// In memory, sums and counts are deduplicated in one read of each event (countThenDeduplicate.ts):
// every event is counted as if its id were unique, and the suspects (ids whose hash repeats) are taken
// back and resolved afterwards. Checked against two other ways of getting the same answer: the
// streamed two passes (a function source: suspects held back, never counted before they are resolved)
// and the in-memory path an observer forces (deduplicated first, then counted).

// Pairs of distinct ids with equal hashes (found by hashing c0, c1, …): for pairHash, which finds the
// suspects in memory, and for idHash, which finds them when streaming.
const PAIR_COLLIDING = [
  ["c89022", "c106740"],
  ["c89032", "c106741"],
] as const;
const ID_COLLIDING = [
  ["c65229", "c503230"],
  ["c65228", "c503231"],
] as const;
const OTHER = "cus_other";
const feb = (day: number) => Date.UTC(2026, 1, day);

// Everything a suspect may be: a copy (same payload) or a conflict, of an event counted or excluded
// (another customer, an unknown type, outside the period, filtered out, an unreadable value), alone in
// its group or its day, or a collision with another id.
const eventArb: fc.Arbitrary<UsageEvent> = fc
  .record({
    id: fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 9 }).map((n) => `r${n}`), weight: 2 },
      { arbitrary: fc.constantFrom(...PAIR_COLLIDING.flat(), ...ID_COLLIDING.flat()), weight: 1 },
      { arbitrary: fc.integer({ min: 0, max: 1999 }).map((n) => `u${n}`), weight: 6 },
    ),
    day: fc.constantFrom(1, 2, 3, 40),
    region: fc.constantFrom("na", "eu", "latam", "rare"),
    gb: fc.oneof(
      { arbitrary: fc.constantFrom("1", "2", "5.25"), weight: 8 },
      { arbitrary: fc.constantFrom("1e2", "3.0000000001", 2.5, "bad"), weight: 2 },
    ),
    customer: fc.oneof(
      { arbitrary: fc.constant(CUSTOMER), weight: 9 },
      { arbitrary: fc.constant(OTHER), weight: 1 },
    ),
    type: fc.oneof(
      { arbitrary: fc.constant(EVENT_TYPE), weight: 19 },
      { arbitrary: fc.constant("other_type"), weight: 1 },
    ),
  })
  .map(({ id, day, region, gb, customer, type }) =>
    usageEvent(id, feb(day), { gb, region }, { customer, type }),
  );

const filters: MeterTerms["filters"] = [{ property: "region", op: "in", values: ["na", "eu", "rare"] }];
const METERS: MeterTerms[] = [
  { id: "gb", eventType: EVENT_TYPE, aggregation: "sum", valueProperty: "gb", filters },
  { id: "n", eventType: EVENT_TYPE, aggregation: "count" },
  { id: "mean", eventType: EVENT_TYPE, aggregation: "avg", valueProperty: "gb" },
];
const options: AggregateUsageOptions = {
  meters: METERS,
  customer: CUSTOMER,
  period: { start: FEBRUARY_UTC.start, end: feb(3) },
  timeZone: "UTC",
  daily: true,
  requests: new Map(METERS.map((meter) => [meter.id, { groupings: [["region"]], collectValues: false }])),
};
const observer = { counted: () => undefined, excluded: () => undefined };

// The result as text, with the days and the ids other customers reuse.
const fullJson = (result: AggregateUsageResult) =>
  `${resultJson(result)} ${JSON.stringify(result.meters.map((entry) => entry.daily?.map((day) => [day.date, day.quantity.toFixed()])))} ${JSON.stringify(result.idsReusedByOtherCustomers ?? null)}`;

describe("deduplicating in one read (sums, counts, averages) against the other two ways", () => {
  it("the pairs collide: equal hashes, different ids", () => {
    for (const [a, b] of PAIR_COLLIDING) expect(pairHash(a)).toBe(pairHash(b));
    for (const [a, b] of ID_COLLIDING) expect(idHash(a)).toBe(idHash(b));
  });

  it("gives the streamed two passes' result and the observed path's, to the byte, short streams and long", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { maxLength: 700 }), async (events) => {
        const inOneRead = fullJson(aggregateUsage(events, options));
        expect(inOneRead).toBe(fullJson(await aggregateUsageAsync(() => events, options)));
        expect(inOneRead).toBe(fullJson(aggregateUsage(events, { ...options, observer })));
      }),
      { numRuns: 60 },
    );
  });

  it("does not depend on the order of the events", () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 257, maxLength: 600 }), fc.nat(), (events, seed) => {
        const shuffled = [...events].sort(
          (a, b) => pairHash(`${seed}${a.id}${a.timestamp}`) - pairHash(`${seed}${b.id}${b.timestamp}`),
        );
        expect(fullJson(aggregateUsage(shuffled, options))).toBe(fullJson(aggregateUsage(events, options)));
      }),
      { numRuns: 30 },
    );
  });
});
