import { describe, expect, it } from "vitest";
import type { EventObserver } from "../../src/meters/eventObserver.js";
import { aggregateUsage } from "../../src/meters/index.js";
import { MeterAccumulator } from "../../src/meters/meterAccumulator.js";
import type { MeterTerms, UsageEvent } from "../../src/schema/index.js";
import { CUSTOMER, EVENT_TYPE, FEBRUARY_UTC, usageEvent } from "../_arbitraries/meters.js";

// Deduplicating in one read (src/meters/countThenDeduplicate.ts) counts an event before it knows
// whether the event is a copy, then takes the suspects back: these are the places where taking back
// must leave no trace, and where the one read must not be used at all.
const feb = (day: number) => Date.UTC(2026, 1, day);
const gb: MeterTerms = { id: "gb", eventType: EVENT_TYPE, aggregation: "sum", valueProperty: "gb" };
const byRegion = new Map([["gb", { groupings: [["region"]], collectValues: false }]]);
const options = { meters: [gb], customer: CUSTOMER, period: FEBRUARY_UTC, timeZone: "UTC" };

describe("MeterAccumulator.remove", () => {
  it("leaves the states of the events never added: a group and a day emptied disappear", () => {
    const request = { groupings: [["region"]], collectValues: false };
    const kept = usageEvent("a", feb(2), { gb: "1.5", region: "eu" });
    const taken = usageEvent("b", feb(5), { gb: "2.25", region: "latam" });
    const both = new MeterAccumulator(gb, request, FEBRUARY_UTC, "UTC", { daily: true });
    both.add(kept, "1.5", undefined);
    both.add(taken, "2.25", undefined);
    expect(both.canRemove).toBe(true);
    both.remove(taken, "2.25", undefined);
    const one = new MeterAccumulator(gb, request, FEBRUARY_UTC, "UTC", { daily: true });
    one.add(kept, "1.5", undefined);
    // 1.5 + 2.25 − 2.25 = 1.5, latam's group and February 5th's day gone
    expect(both.toJson()).toEqual(one.toJson());
    expect(both.total(undefined).quantity.toFixed()).toBe("1.5");
  });

  it("cannot take back what it keeps per event or does not undo exactly", () => {
    const request = { groupings: [], collectValues: false };
    expect(new MeterAccumulator({ ...gb, aggregation: "max" }, request, FEBRUARY_UTC, "UTC").canRemove).toBe(
      false,
    );
    const kept = { groupings: [], collectValues: true };
    expect(new MeterAccumulator(gb, kept, FEBRUARY_UTC, "UTC").canRemove).toBe(false);
    expect(new MeterAccumulator(gb, request, FEBRUARY_UTC, "UTC").canRemove).toBe(true);
  });
});

describe("deduplicating in one read", () => {
  it("counts a conflicting id nowhere: not in its group, its meter or the events counted", () => {
    const events = [
      usageEvent("a", feb(2), { gb: "1", region: "eu" }),
      usageEvent("x", feb(3), { gb: "4", region: "latam" }),
      usageEvent("x", feb(3), { gb: "8", region: "latam" }),
    ];
    const result = aggregateUsage(events, { ...options, requests: byRegion });
    // only a: 1 GB, one group (eu); x's two copies are conflicts
    expect(result.meters[0]!.quantity.toFixed()).toBe("1");
    expect(result.eventsCounted).toBe(1);
    expect(result.groups[0]!.groups.map((group) => group.group)).toEqual([{ region: "eu" }]);
    expect(result.excluded).toEqual([{ reason: "conflicting_duplicate", events: 2, sampleIds: ["x"] }]);
  });

  it("records an excluded event's copy once as what it is and once as a copy", () => {
    const late = usageEvent("late", Date.UTC(2026, 2, 2), { gb: "1" });
    const result = aggregateUsage([late, usageEvent("a", feb(2), { gb: "2" }), late], options);
    // late is outside the period once, its second copy a duplicate; a counts: 2
    expect(result.excluded).toEqual([
      { reason: "duplicate_id", events: 1, sampleIds: ["late"] },
      { reason: "outside_period", events: 1, sampleIds: ["late"] },
    ]);
    expect(result.meters[0]!.quantity.toFixed()).toBe("2");
  });

  it("makes a reason's sample again when a copy's id was in it, and drops a reason left without events", () => {
    const march = (day: number) => Date.UTC(2026, 2, day);
    const late = ["a1", "a2", "a3", "a4", "a5", "a6"].map((id, k) =>
      usageEvent(id, march(k + 2), { gb: "1" }),
    );
    const other = usageEvent("b", feb(2), { gb: "1" }, { type: "other" });
    // a1 twice and b twice: seven events outside the period (a1's second copy a duplicate), two of an
    // unknown type (b's second copy a duplicate): a1 stays in the sample, and a6 stays out of it
    const result = aggregateUsage([...late, late[0]!, other, other], options);
    expect(result.excluded).toEqual([
      { reason: "duplicate_id", events: 2, sampleIds: ["a1", "b"] },
      { reason: "unknown_event_type", events: 1, sampleIds: ["b"] },
      { reason: "outside_period", events: 6, sampleIds: ["a1", "a2", "a3", "a4", "a5"] },
    ]);
    // y twice outside the period, differing: conflicts only, no outside_period line left behind
    const conflicted = aggregateUsage(
      [usageEvent("y", march(2), { gb: "1" }), usageEvent("y", march(2), { gb: "2" })],
      options,
    );
    expect(conflicted.excluded).toEqual([{ reason: "conflicting_duplicate", events: 2, sampleIds: ["y"] }]);
  });

  it("tells an observer of each counted event once, copies included (the observer takes the other path)", () => {
    const counted: string[] = [];
    const observer: EventObserver = { counted: (event) => counted.push(event.id), excluded: () => undefined };
    const a = usageEvent("a", feb(2), { gb: "1" });
    aggregateUsage([a, usageEvent("b", feb(2), { gb: "2" }), a], { ...options, observer });
    // a twice (one copy), b once: a and b counted, once each
    expect(counted.sort()).toEqual(["a", "b"]);
  });

  it("does not refuse an unreadable timestamp on a conflicting copy, as the two passes do not", () => {
    const text = "2026-02-02T00:00:00Z" as unknown as number;
    const events: UsageEvent[] = [
      usageEvent("a", feb(2), { gb: "1" }),
      { ...usageEvent("x", feb(3), { gb: "4" }), timestamp: text },
      usageEvent("x", feb(3), { gb: "8" }),
    ];
    // x conflicts, so its unreadable copy is never classified: a's 1 GB
    expect(aggregateUsage(events, options).meters[0]!.quantity.toFixed()).toBe("1");
    // alone, the same copy is read, and refused
    expect(() => aggregateUsage(events.slice(0, 2), options)).toThrow(
      expect.objectContaining({ name: "UsageError", path: "timestamp" }),
    );
  });

  it("deduplicates a meter that cannot take events back (max) before counting", () => {
    const max: MeterTerms = { ...gb, aggregation: "max" };
    const events = [usageEvent("a", feb(2), { gb: "9" }), usageEvent("a", feb(2), { gb: "7" })];
    // a's copies conflict: no event, max 0
    const result = aggregateUsage(events, { ...options, meters: [max] });
    expect([result.meters[0]!.quantity.toFixed(), result.eventsCounted]).toEqual(["0", 0]);
  });
});
