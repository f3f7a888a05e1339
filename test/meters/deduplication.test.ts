import { describe, expect, it } from "vitest";
import { aggregateUsage, aggregateUsageAsync } from "../../src/meters/index.js";
import type { MeterTerms, UsageEvent } from "../../src/schema/index.js";
import { CUSTOMER, EVENT_TYPE, FEBRUARY_UTC, resultJson, usageEvent } from "../_arbitraries/meters.js";

const gb: MeterTerms = { id: "gb", eventType: EVENT_TYPE, aggregation: "sum", valueProperty: "gb" };
const events: MeterTerms = { id: "events", eventType: EVENT_TYPE, aggregation: "count" };
const options = { meters: [gb, events], customer: CUSTOMER, period: FEBRUARY_UTC, timeZone: "UTC" };
const feb = (day: number) => Date.UTC(2026, 1, day);

async function* streamed(list: ReadonlyArray<UsageEvent>): AsyncGenerator<UsageEvent> {
  for (const event of list) yield event;
}

/** The result by every path: in memory, a single async iterable, and a source read twice. */
async function everyPath(list: ReadonlyArray<UsageEvent>) {
  let reads = 0;
  const source = () => {
    reads += 1;
    return streamed(list);
  };
  const results = {
    sync: aggregateUsage(list, options),
    asyncIterable: await aggregateUsageAsync(streamed(list), options),
    asyncArray: await aggregateUsageAsync(list, options),
    twoPass: await aggregateUsageAsync(source, options),
    twoPassSyncSource: await aggregateUsageAsync(() => list, options),
  };
  // the two-pass path reads its source exactly twice
  expect(reads).toBe(2);
  const sync = resultJson(results.sync);
  for (const result of Object.values(results)) expect(resultJson(result)).toBe(sync);
  return results.sync;
}

const a = usageEvent("a", feb(2), { gb: "1.5", region: "na" });
const b = usageEvent("b", feb(3), { gb: "2.25", region: "eu" });

describe("deduplication by event id, on every input path", () => {
  it("counts identical copies once and reports the extra copies", async () => {
    // a × 3 and b: 1.5 + 2.25 = 3.75 GB over 2 events; 2 copies of a reported as duplicate_id
    const result = await everyPath([a, b, { ...a }, { ...a }]);
    expect(result.meters.map((meter) => meter.quantity.toFixed())).toEqual(["3.75", "2"]);
    expect(result.excluded).toEqual([{ reason: "duplicate_id", events: 2, sampleIds: ["a"] }]);
    // 4 read = 2 counted + 2 duplicates
    expect(result.eventsRead).toBe(4);
    expect(result.eventsCounted).toBe(2);
  });

  it("treats properties in another key order as the same payload", async () => {
    const reordered = usageEvent("a", feb(2), { region: "na", gb: "1.5" });
    const result = await everyPath([a, reordered]);
    // one copy of a: 1.5 GB
    expect(result.meters[0]!.quantity.toFixed()).toBe("1.5");
    expect(result.excluded).toEqual([{ reason: "duplicate_id", events: 1, sampleIds: ["a"] }]);
  });

  it("excludes every copy of an id whose copies differ, whichever copy comes first", async () => {
    // a (1.5), a again, and a with 9 GB: all three a's are conflicts; only b counts: 2.25 GB
    const changed = usageEvent("a", feb(2), { gb: "9", region: "na" });
    for (const order of [
      [a, { ...a }, changed, b],
      [changed, b, a, { ...a }],
    ]) {
      const result = await everyPath(order);
      expect(result.meters.map((meter) => meter.quantity.toFixed())).toEqual(["2.25", "1"]);
      expect(result.excluded).toEqual([{ reason: "conflicting_duplicate", events: 3, sampleIds: ["a"] }]);
      // 4 read = 1 counted + 3 conflicting
      expect(result.eventsRead).toBe(4);
      expect(result.eventsCounted).toBe(1);
    }
  });

  it("sees a copy at another instant or of another type as a conflict", async () => {
    const copies = [
      usageEvent("t", feb(2), { gb: "1" }),
      usageEvent("t", feb(2) + 1, { gb: "1" }),
      usageEvent("y", feb(2), { gb: "1" }),
      usageEvent("y", feb(2), { gb: "1" }, { type: "other" }),
    ];
    const result = await everyPath(copies);
    // every id has two differing copies: 4 conflicting, nothing counted
    expect(result.excluded).toEqual([{ reason: "conflicting_duplicate", events: 4, sampleIds: ["t", "y"] }]);
    expect(result.eventsCounted).toBe(0);
  });

  it("deduplicates within the customer: another customer's event with the same id is not a copy", async () => {
    // c is cus_a's (1 GB) and also cus_b's: cus_a's counts, cus_b's is other_customer, and the reuse
    // is reported. Before, both were conflicting_duplicate and cus_a's 1 GB vanished.
    const ours = usageEvent("c", feb(2), { gb: "1" });
    const theirs = usageEvent("c", feb(2), { gb: "1" }, { customer: "cus_b" });
    for (const order of [
      [ours, theirs, b],
      [theirs, b, ours],
    ]) {
      const result = await everyPath(order);
      // 1 (c) + 2.25 (b) = 3.25 GB over 2 events
      expect(result.meters.map((meter) => meter.quantity.toFixed())).toEqual(["3.25", "2"]);
      expect(result.excluded).toEqual([{ reason: "other_customer", events: 1, sampleIds: ["c"] }]);
      expect(result.idsReusedByOtherCustomers).toEqual({ ids: 1, sampleIds: ["c"] });
    }
  });

  it("still finds duplicates and conflicts among the customer's copies of a reused id", async () => {
    // d: cus_a twice identical (1 duplicate) + cus_b once; e: cus_a 1 GB and 2 GB (2 conflicting) + cus_b
    const d = usageEvent("d", feb(2), { gb: "1" });
    const e1 = usageEvent("e", feb(3), { gb: "1" });
    const e2 = usageEvent("e", feb(3), { gb: "2" });
    const other = (id: string) => usageEvent(id, feb(4), { gb: "7" }, { customer: "cus_b" });
    const result = await everyPath([d, other("e"), { ...d }, e1, other("d"), e2]);
    // counted: d once = 1 GB; e's two copies conflict; both cus_b events are other_customer
    expect(result.meters.map((meter) => meter.quantity.toFixed())).toEqual(["1", "1"]);
    expect(result.excluded).toEqual([
      { reason: "duplicate_id", events: 1, sampleIds: ["d"] },
      { reason: "conflicting_duplicate", events: 2, sampleIds: ["e"] },
      { reason: "other_customer", events: 2, sampleIds: ["d", "e"] },
    ]);
    expect(result.idsReusedByOtherCustomers).toEqual({ ids: 2, sampleIds: ["d", "e"] });
    // 6 read = 1 counted + 1 + 2 + 2
    expect(result.eventsRead).toBe(6);
  });

  it("does not deduplicate other customers' events: each copy is other_customer", async () => {
    // x is for another customer, sent twice: both copies are other_customer, and no id of ours is reused
    const x = usageEvent("x", feb(2), { gb: "1" }, { customer: "cus_b" });
    const result = await everyPath([x, { ...x }, b]);
    expect(result.excluded).toEqual([{ reason: "other_customer", events: 2, sampleIds: ["x"] }]);
    expect(result.idsReusedByOtherCustomers).toBeUndefined();
    // 3 read = 1 counted (b) + 2
    expect(result.eventsCounted).toBe(1);
  });

  it("accounts for every event in a mixed stream: read = counted + Σ excluded", async () => {
    const mixed = [
      a,
      { ...a },
      b,
      usageEvent("bad", feb(4), { gb: "n/a" }),
      usageEvent("late", FEBRUARY_UTC.end, { gb: "1" }),
      usageEvent("k", feb(5), { gb: "1" }),
      usageEvent("k", feb(5), { gb: "2" }),
      usageEvent("log", feb(5), {}, { type: "logs" }),
    ];
    const result = await everyPath(mixed);
    // counted: a, b = 2; excluded: duplicate 1 + conflicting 2 + unknown type 1 + outside 1 + invalid 1 = 6
    expect(result.eventsCounted).toBe(2);
    expect(result.excluded.reduce((sum, entry) => sum + entry.events, 0)).toBe(6);
    expect(result.eventsRead).toBe(8);
  });

  it("handles an empty stream", async () => {
    const result = await everyPath([]);
    expect(result.eventsRead).toBe(0);
    expect(result.meters.map((meter) => meter.quantity.toFixed())).toEqual(["0", "0"]);
  });

  it("counts a repeated id twice with deduplicate: false (ids unique upstream)", () => {
    // a twice and b: 1.5 + 1.5 + 2.25 = 5.25 GB over 3 events, nothing excluded
    const result = aggregateUsage([a, { ...a }, b], { ...options, deduplicate: false });
    expect(result.meters.map((meter) => meter.quantity.toFixed())).toEqual(["5.25", "3"]);
    expect(result.excluded).toEqual([]);
    expect(result.eventsRead).toBe(3);
    expect(result.eventsCounted).toBe(3);
  });

  it("reads a one-shot iterable (a generator) once", () => {
    function* once() {
      yield a;
      yield b;
      yield { ...a };
    }
    // 1.5 + 2.25 = 3.75; one duplicate
    const result = aggregateUsage(once(), options);
    expect(result.meters[0]!.quantity.toFixed()).toBe("3.75");
    expect(result.eventsRead).toBe(3);
  });

  it("honours deduplicate: false on every path, the two-pass source included", async () => {
    // the same option must give the same result whichever way the events arrive:
    // a twice and b, not deduplicated → 1.5 + 1.5 + 2.25 = 5.25 GB, 3 events counted, nothing excluded
    const list = [a, { ...a }, b];
    const noDedup = { ...options, deduplicate: false };
    const sync = aggregateUsage(list, noDedup);
    expect(sync.meters[0]!.quantity.toFixed()).toBe("5.25");
    expect(resultJson(await aggregateUsageAsync(streamed(list), noDedup))).toBe(resultJson(sync));
    expect(resultJson(await aggregateUsageAsync(() => streamed(list), noDedup))).toBe(resultJson(sync));
  });
});
