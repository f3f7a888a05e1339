import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { idHash } from "../../src/meters/idHash.js";
import { aggregateUsage, aggregateUsageAsync } from "../../src/meters/index.js";
import type { MeterTerms, UsageEvent } from "../../src/schema/index.js";
import { CUSTOMER, EVENT_TYPE, FEBRUARY_UTC, resultJson, usageEvent } from "../_arbitraries/meters.js";

// Streams longer than the 256 hashes of the set path, so the radix sort (src/meters/repeatedHashes.ts)
// finds the repeats, checked against the plain way of deduplicating: a Map of every id.

// Pairs of distinct ids with equal hashes (found by hashing c0, c1, …), so some hashes repeat with no
// id repeating: only the comparison of the ids themselves may tell them apart.
const COLLIDING = [
  ["c65229", "c503230"],
  ["c65228", "c503231"],
  ["c65221", "c503238"],
  ["c65220", "c503239"],
] as const;

const gb: MeterTerms = { id: "gb", eventType: EVENT_TYPE, aggregation: "sum", valueProperty: "gb" };
const options = { meters: [gb], customer: CUSTOMER, period: FEBRUARY_UTC, timeZone: "UTC" };
const OTHER = "cus_other";

// An id sent again and again (r0–r9), one of a colliding pair, or one of 2,000 mostly sent once; the
// customer's nine times in ten; two instants and three values, so a repeated id's copies are often
// identical (duplicates) and sometimes not (conflicts).
const eventArb: fc.Arbitrary<UsageEvent> = fc
  .record({
    id: fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 9 }).map((n) => `r${n}`), weight: 1 },
      { arbitrary: fc.constantFrom(...COLLIDING.flat()), weight: 1 },
      { arbitrary: fc.integer({ min: 0, max: 1999 }).map((n) => `u${n}`), weight: 6 },
    ),
    day: fc.integer({ min: 1, max: 2 }),
    gb: fc.constantFrom("1", "2", "5"),
    customer: fc.oneof(
      { arbitrary: fc.constant(CUSTOMER), weight: 9 },
      { arbitrary: fc.constant(OTHER), weight: 1 },
    ),
  })
  .map(({ id, day, gb, customer }) => usageEvent(id, Date.UTC(2026, 1, day), { gb }, { customer }));
const streamArb = fc.array(eventArb, { minLength: 257, maxLength: 700 });

// The plain way: every id of the customer in a Map with its copies; copies that all carry the same
// instant and value count once, the others are duplicates; copies that differ are all conflicts.
function reference(events: ReadonlyArray<UsageEvent>) {
  const byId = new Map<string, UsageEvent[]>();
  for (const event of events.filter((e) => e.customer === CUSTOMER))
    byId.set(event.id, [...(byId.get(event.id) ?? []), event]);
  let quantity = 0;
  let counted = 0;
  let duplicates = 0;
  let conflicting = 0;
  for (const copies of byId.values()) {
    const payloads = new Set(copies.map((e) => `${e.timestamp} ${String(e.properties.gb)}`));
    if (payloads.size > 1) conflicting += copies.length;
    else {
      counted += 1;
      duplicates += copies.length - 1;
      quantity += Number(copies[0]!.properties.gb);
    }
  }
  return { quantity: String(quantity), counted, duplicates, conflicting };
}

const excludedAs = (events: ReadonlyArray<UsageEvent>, reason: string) =>
  aggregateUsage(events, options).excluded.find((entry) => entry.reason === reason)?.events ?? 0;

describe("deduplication against a Map of every id, on long streams with repeated and colliding ids", () => {
  it("the pairs collide: equal hashes, different ids", () => {
    for (const [a, b] of COLLIDING) expect(idHash(a)).toBe(idHash(b));
  });

  it("counts each id once, excludes duplicates and conflicts as the Map does", () => {
    fc.assert(
      fc.property(streamArb, (events) => {
        const expected = reference(events);
        const result = aggregateUsage(events, options);
        expect(result.meters[0]!.quantity.toFixed()).toBe(expected.quantity);
        expect(result.eventsCounted).toBe(expected.counted);
        expect(excludedAs(events, "duplicate_id")).toBe(expected.duplicates);
        expect(excludedAs(events, "conflicting_duplicate")).toBe(expected.conflicting);
        expect(excludedAs(events, "other_customer")).toBe(events.filter((e) => e.customer === OTHER).length);
      }),
      { numRuns: 60 },
    );
  });

  it("gives the same report reversed and streamed in two passes", async () => {
    await fc.assert(
      fc.asyncProperty(streamArb, async (events) => {
        const inMemory = resultJson(aggregateUsage(events, options));
        expect(resultJson(aggregateUsage([...events].reverse(), options))).toBe(inMemory);
        expect(resultJson(await aggregateUsageAsync(() => events, options))).toBe(inMemory);
      }),
      { numRuns: 40 },
    );
  });
});
