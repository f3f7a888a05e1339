import { describe, expect, it, vi } from "vitest";
import { idHash } from "../../src/meters/idHash.js";
import { aggregateUsage, aggregateUsageAsync } from "../../src/meters/index.js";
import type { MeterTerms } from "../../src/schema/index.js";
import { CUSTOMER, EVENT_TYPE, FEBRUARY_UTC, resultJson, usageEvent } from "../_arbitraries/meters.js";

// Every id hashes to the same value here, so every event "may repeat" and goes through the exact
// comparison of ids: a hash collision must cost memory only, never a wrong result.
vi.mock("../../src/meters/idHash.js", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../src/meters/idHash.js")>()),
  idHash: () => 42,
}));
// The hash that finds the suspects in memory (countThenDeduplicate.ts) collides as much.
vi.mock("../../src/meters/pairHash.js", () => ({ pairHash: () => 42 }));

const gb: MeterTerms = { id: "gb", eventType: EVENT_TYPE, aggregation: "sum", valueProperty: "gb" };
const options = { meters: [gb], customer: CUSTOMER, period: FEBRUARY_UTC, timeZone: "UTC" };
const feb = (day: number) => Date.UTC(2026, 1, day);

const events = [
  usageEvent("a", feb(2), { gb: "1" }),
  usageEvent("b", feb(3), { gb: "2" }),
  usageEvent("a", feb(2), { gb: "1" }),
  usageEvent("c", feb(4), { gb: "4" }),
  usageEvent("d", feb(5), { gb: "8" }),
  usageEvent("d", feb(5), { gb: "16" }),
];

describe("deduplication when every id hash collides", () => {
  it("still counts distinct ids apart, identical copies once, and conflicts not at all", async () => {
    // the mock is in place: two different ids hash alike
    expect(idHash("a")).toBe(idHash("b"));
    // a (1, sent twice) + b (2) + c (4) = 7; d's two differing copies are conflicts
    const sync = aggregateUsage(events, options);
    expect(sync.meters[0]!.quantity.toFixed()).toBe("7");
    expect(sync.excluded).toEqual([
      { reason: "duplicate_id", events: 1, sampleIds: ["a"] },
      { reason: "conflicting_duplicate", events: 2, sampleIds: ["d"] },
    ]);
    // 6 read = 3 counted + 1 duplicate + 2 conflicting
    expect(sync.eventsCounted).toBe(3);
    const twoPass = await aggregateUsageAsync(() => events, options);
    expect(resultJson(twoPass)).toBe(resultJson(sync));
  });
});
