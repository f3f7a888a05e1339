import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateUsage, aggregateUsageAsync } from "../../src/meters/index.js";
import type { UsageEvent } from "../../src/schema/index.js";
import { ALL_METERS, CUSTOMER, FEBRUARY_UTC, meterEventsArb, resultJson } from "../_arbitraries/meters.js";

const options = { meters: ALL_METERS, customer: CUSTOMER, period: FEBRUARY_UTC, timeZone: "UTC" };

// Events with some copies (same payload) and a conflicting copy mixed in, so deduplication has work.
const eventsArb = fc
  .tuple(meterEventsArb(), fc.array(fc.nat(), { maxLength: 6 }), fc.option(fc.nat()))
  .map(([events, copies, conflict]) => {
    if (events.length === 0) return events;
    const pick = (n: number) => events[n % events.length]!;
    const extra = copies.map((n) => ({ ...pick(n) }));
    const conflicting =
      conflict === null ? [] : [{ ...pick(conflict), properties: { ...pick(conflict).properties, v: "9" } }];
    return [...events, ...extra, ...conflicting];
  });

// The items cut into arrays at the given fractions of their length (empty arrays included).
function cut<T>(items: ReadonlyArray<T>, fractions: ReadonlyArray<number>): T[][] {
  const bounds = [...fractions.map((f) => Math.floor(f * items.length)), items.length].sort((a, b) => a - b);
  let start = 0;
  return bounds.map((end) => {
    const batch = items.slice(start, end);
    start = end;
    return batch;
  });
}

async function* each<T>(items: ReadonlyArray<T>): AsyncGenerator<T> {
  yield* items;
}

const fractionsArb = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 });

describe("a source read in batches", () => {
  it("aggregates as the same events read one by one, wherever the batches are cut", async () => {
    await fc.assert(
      fc.asyncProperty(eventsArb, fractionsArb, fractionsArb, async (events, eventCuts, idCuts) => {
        const expected = resultJson(aggregateUsage(events, options));
        const ids = events.map((event) => event.id);
        const batched = Object.assign(() => each<UsageEvent>(events), {
          batches: () => each(cut(events, eventCuts)),
          idBatches: () => each(cut(ids, idCuts)),
        });
        expect(resultJson(await aggregateUsageAsync(batched, options))).toBe(expected);
        // Without ids of its own, the first pass reads them from the event batches.
        const eventsOnly = Object.assign(() => each<UsageEvent>(events), {
          batches: () => each(cut(events, eventCuts)),
        });
        expect(resultJson(await aggregateUsageAsync(eventsOnly, options))).toBe(expected);
        expect(resultJson(await aggregateUsageAsync(batched, { ...options, deduplicate: false }))).toBe(
          resultJson(aggregateUsage(events, { ...options, deduplicate: false })),
        );
      }),
      { numRuns: 150 },
    );
  });

  it("refuses batches whose events differ from the ids pass (a source that changed)", async () => {
    const event: UsageEvent = {
      id: "a",
      type: "t",
      customer: CUSTOMER,
      timestamp: FEBRUARY_UTC.start,
      properties: {},
    };
    const source = Object.assign(() => each([event]), {
      batches: () => each([[event], [{ ...event, id: "b" }]]),
      idBatches: () => each([["a"], ["b"]]),
    });
    // the ids pass read a and b; the events pass a and b too, so it agrees …
    await expect(aggregateUsageAsync(source, options)).resolves.toMatchObject({ eventsRead: 2 });
    const shrunk = Object.assign(() => each([event]), {
      batches: () => each([[event]]),
      idBatches: () => each([["a"], ["b"]]),
    });
    // … and 2 ids against 1 event is refused
    await expect(aggregateUsageAsync(shrunk, options)).rejects.toMatchObject({
      code: "usage_changed_while_read",
      details: { firstRead: 2, secondRead: 1 },
    });
  });
});
