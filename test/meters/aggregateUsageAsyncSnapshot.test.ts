import { describe, expect, it } from "vitest";
import { aggregateUsageAsync } from "../../src/meters/index.js";
import { parseUsageEvent } from "../../src/schema/index.js";
import { buildContract } from "../_support/contract.js";

// An array handed to the streaming aggregation is read when the call is made: the caller may reuse it
// (empty it for the next customer) before the promise settles without changing what was counted.
const contract = buildContract({});
const event = (id: string, v: string) =>
  parseUsageEvent({ id, type: "e", customer: "cus", timestamp: "2026-03-02T12:00:00Z", properties: { v } });
const fresh = () => [event("a", "5"), event("b", "7"), event("c", "11")];

describe("aggregateUsageAsync on a synchronous iterable", () => {
  it("counts the array's events as they were at the call", async () => {
    const events = fresh();
    const pending = aggregateUsageAsync(events, {
      meters: contract.meters,
      period: { start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 1) },
      customer: "cus",
    });
    events.length = 1;
    // three events read, three counted
    expect((await pending).eventsRead).toBe(3);
  });
});
