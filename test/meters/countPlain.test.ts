import { describe, expect, it } from "vitest";
import { aggregateUsage } from "../../src/meters/index.js";
import type { MeterTerms, UsageEvent } from "../../src/schema/index.js";
import { CUSTOMER, EVENT_TYPE, FEBRUARY_UTC, usageEvent } from "../_arbitraries/meters.js";

// EventPass.countPlain and the slots of a sum (src/meters/sumLanes.ts), one rule per test. Meters are
// made inside each `it` (compileMeter keeps the reducer of a meter object it has seen).
const event = (id: string, properties: UsageEvent["properties"]) =>
  usageEvent(id, Date.UTC(2026, 1, 2), properties);
const sum = (id: string, fields: Partial<MeterTerms> = {}): MeterTerms =>
  ({ id, eventType: EVENT_TYPE, aggregation: "sum", valueProperty: "gb", ...fields }) as MeterTerms;
const aggregate = (events: UsageEvent[], meters: MeterTerms[], grouped = false) =>
  aggregateUsage(events, {
    meters,
    customer: CUSTOMER,
    period: FEBRUARY_UTC,
    requests: new Map(
      meters.map((meter) => [meter.id, { groupings: grouped ? [["region"]] : [], collectValues: false }]),
    ),
  });

describe("counting plain meters", () => {
  it("tells 33 meters of one type apart: the 33rd does not count for the first", () => {
    // m0 counts only na; m1 … m32 count everything. Two events of eu, 2 and 3 GB (the pass lists the
    // meters by type at its first event, so the second is the one counted as plain): m0 0, the others 5.
    const meters = [
      sum("m0", { filters: [{ property: "region", op: "equals", value: "na" }] }),
      ...Array.from({ length: 32 }, (_, k) => sum(`m${k + 1}`)),
    ];
    const events = [event("a", { gb: "2", region: "eu" }), event("b", { gb: "3", region: "eu" })];
    const result = aggregate(events, meters);
    expect(result.meters.map((meter) => [meter.meter.id, meter.events, meter.quantity.toFixed()])).toEqual([
      ["m0", 0, "0"],
      ...Array.from({ length: 32 }, (_, k) => [`m${k + 1}`, 2, "5"]),
    ]);
  });

  it("leaves a value that is not a short decimal to the general rule: counted, or excluded as invalid", () => {
    const events = [
      event("a", { gb: "2.5" }),
      event("b", { gb: "1e2" }),
      event("c", { gb: "0.0000000001" }),
      event("d", { gb: "abc" }),
    ];
    const result = aggregate(events, [sum("gb")]);
    // a 2.5 and b 1e2 = 100 count: 102.5; c has 10 decimals (a quantity has at most 9) and d is no number
    expect(result.meters[0]!.quantity.toFixed()).toBe("102.5");
    expect(result.eventsCounted).toBe(2);
    expect(result.excluded).toEqual([{ reason: "invalid_value", events: 2, sampleIds: ["c", "d"] }]);
  });

  it("sums in slots past a meter's first 32 values, each group exactly", () => {
    // 40 events of 0.1, alternately na and eu: 40 × 0.1 = 4 in all, 20 × 0.1 = 2 in each region
    const events = Array.from({ length: 40 }, (_, k) =>
      event(`e${k}`, { gb: "0.1", region: k % 2 === 0 ? "na" : "eu" }),
    );
    const result = aggregate(events, [sum("gb")], true);
    expect(result.meters[0]!.quantity.toFixed()).toBe("4");
    expect(result.meters[0]!.events).toBe(40);
    expect(
      result.groups[0]!.groups.map((group) => [group.group, group.events, group.quantity.toFixed()]),
    ).toEqual([
      [{ region: "eu" }, 20, "2"],
      [{ region: "na" }, 20, "2"],
    ]);
  });
});
