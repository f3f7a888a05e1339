import { describe, expect, it } from "vitest";
import { aggregateUsage } from "../../src/meters/index.js";
import { type MeterTerms, meterSchema, type UsageEvent } from "../../src/schema/index.js";
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

  it("counts nothing twice when a later meter's value sends the event back after an earlier one matched", () => {
    // gb reads a short decimal, ms an exponent: countPlain matches gb first, then hands the event to the
    // general path, which counts it once for both. a: gb 1, ms 2; b: gb 2, ms 1e3 = 1,000.
    // gb 1 + 2 = 3, ms 2 + 1,000 = 1,002, two events each.
    const events = [event("a", { gb: "1", ms: "2" }), event("b", { gb: "2", ms: "1e3" })];
    const result = aggregate(events, [sum("gb"), sum("ms", { valueProperty: "ms" })]);
    expect(result.meters.map((meter) => [meter.meter.id, meter.events, meter.quantity.toFixed()])).toEqual([
      ["gb", 2, "3"],
      ["ms", 2, "1002"],
    ]);
    expect(result.eventsCounted).toBe(2);
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

// Docs/testing-mutation.md, "Session 12": the choices of which meter is plain and which sum adds in
// slots, each tested where choosing wrongly changes the result.
describe("which meters countPlain and the slots may take", () => {
  it("reads a derived value as derived even when an event has a property literally named undefined", () => {
    // Parsed as a contract's meter would be: a derived value and no valueProperty. countPlain reads
    // properties[valueProperty]: for this meter that would be properties["undefined"].
    const meter = meterSchema.parse({
      id: "derived",
      eventType: EVENT_TYPE,
      aggregation: "sum",
      value: { property: "v" },
    }) as MeterTerms;
    const events = [event("a", { v: "3", undefined: "5" }), event("b", { v: "4", undefined: "6" })];
    const result = aggregate(events, [meter]);
    // v only: 3 + 4 = 7 (the property named undefined would give 5 + 6 = 11, or 3 + 6 = 9 from the second event on)
    expect(result.meters[0]!.quantity.toFixed()).toBe("7");
    expect(result.eventsCounted).toBe(2);
  });

  it("keeps every value of a sum asked for its values, past the 32 values after which sums go to slots", () => {
    // 40 events of k + 1 GB (k = 0 … 39): 40 values, 1 + 2 + … + 40 = 40 × 41 / 2 = 820
    const events = Array.from({ length: 40 }, (_, k) =>
      event(`e${String(k).padStart(2, "0")}`, { gb: String(k + 1) }),
    );
    const result = aggregateUsage(events, {
      meters: [sum("gb")],
      customer: CUSTOMER,
      period: FEBRUARY_UTC,
      requests: new Map([["gb", { groupings: [], collectValues: true }]]),
    });
    const gb = result.meters[0]!;
    expect(gb.quantity.toFixed()).toBe("820");
    // All at the same instant: ordered by id, e00 … e39, so the values are 1 … 40 in order
    expect(gb.values?.map((value) => value.toFixed())).toEqual(
      Array.from({ length: 40 }, (_, k) => String(k + 1)),
    );
  });

  it.each<[string, string[][]]>([
    ["beside one by one property", [["region"], ["region", "tier"]]],
    ["alone", [["region", "tier"]]],
  ])("sums a grouping by two properties %s, past the first 32 values", (_, groupings) => {
    // 40 events of 1 GB: region na for even k, eu for odd; tier a for k < 20, b from 20 on.
    // (region, tier): 10 in each of the four combinations; region: 20 each; total 40.
    const events = Array.from({ length: 40 }, (_, k) =>
      event(`e${k}`, { gb: "1", region: k % 2 === 0 ? "na" : "eu", tier: k < 20 ? "a" : "b" }),
    );
    const result = aggregateUsage(events, {
      meters: [sum("gb")],
      customer: CUSTOMER,
      period: FEBRUARY_UTC,
      requests: new Map([["gb", { groupings, collectValues: false }]]),
    });
    expect(result.meters[0]!.quantity.toFixed()).toBe("40");
    const lines = result.groups.map((grouping) =>
      grouping.groups.map((group) => [group.group, group.events, group.quantity.toFixed()]),
    );
    expect(lines.at(-1)).toEqual([
      [{ region: "eu", tier: "a" }, 10, "10"],
      [{ region: "eu", tier: "b" }, 10, "10"],
      [{ region: "na", tier: "a" }, 10, "10"],
      [{ region: "na", tier: "b" }, 10, "10"],
    ]);
    if (groupings.length === 2)
      expect(lines[0]).toEqual([
        [{ region: "eu" }, 20, "20"],
        [{ region: "na" }, 20, "20"],
      ]);
  });

  it("groups by a property named like an Object.prototype member, past the first 32 values", () => {
    // 40 events of 1 GB, every other one with its own property "constructor": "x". The others have none:
    // their group is null (a plain read would find Object.prototype.constructor). 20 in each group.
    const events = Array.from({ length: 40 }, (_, k) =>
      event(`e${k}`, k % 2 === 0 ? { gb: "1", constructor: "x" } : { gb: "1" }),
    );
    const result = aggregateUsage(events, {
      meters: [sum("gb")],
      customer: CUSTOMER,
      period: FEBRUARY_UTC,
      requests: new Map([["gb", { groupings: [["constructor"]], collectValues: false }]]),
    });
    expect(
      result.groups[0]!.groups.map((group) => [group.group, group.events, group.quantity.toFixed()]),
    ).toEqual([
      // Ordered by the group written as JSON: {"constructor":"x"} before {"constructor":null} ('"' < 'n')
      [{ constructor: "x" }, 20, "20"],
      [{ constructor: null }, 20, "20"],
    ]);
  });
});
