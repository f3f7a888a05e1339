import { describe, expect, it } from "vitest";
import { aggregateUsage } from "../../src/meters/index.js";
import type { MeterTerms, UsageEvent } from "../../src/schema/index.js";

// Which events a meter can read a value from (src/meters/eventPass.ts): a sum needs a number within
// the quantity bound, a unique count any value but null, a count none; a persistent unique count's
// operation is add, remove or absent. An event a meter cannot read is excluded as invalid_value.
const FEBRUARY = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };
const at = (id: string, properties: UsageEvent["properties"]): UsageEvent => ({
  id,
  type: "u",
  customer: "c",
  timestamp: Date.UTC(2026, 1, 2),
  properties,
});
const meter = (fields: Partial<MeterTerms>): MeterTerms =>
  ({ id: "m", eventType: "u", aggregation: "sum", valueProperty: "v", ...fields }) as MeterTerms;
const aggregate = (terms: MeterTerms, events: UsageEvent[]) =>
  aggregateUsage(events, { meters: [terms], customer: "c", period: FEBRUARY, timeZone: "UTC" });

describe("reading an event's value", () => {
  it("sums numbers and decimal texts, the long ones too, and excludes what is no number", () => {
    const result = aggregate(meter({}), [
      at("a", { v: 2.5 }),
      at("b", { v: "1e3" }),
      at("c", { v: "0.000000001" }),
      at("c10", { v: "0.0000000001" }),
      at("d", { v: "abc" }),
      at("e", { v: true }),
      at("f", { v: null }),
      at("g", {}),
    ]);
    // 2.5 + 1,000 (an exponent: not the short path, but within the bound) + 0.000000001 (9 decimals, the
    // most a quantity has) = 1,002.500000001; 0.0000000001 has 10 decimals and is refused with the rest
    expect(result.meters[0]!.quantity.toFixed()).toBe("1002.500000001");
    expect(result.excluded).toEqual([
      { reason: "invalid_value", events: 5, sampleIds: ["c10", "d", "e", "f", "g"] },
    ]);
  });

  it("counts events without a value", () => {
    const result = aggregate(meter({ aggregation: "count", valueProperty: undefined }), [
      at("a", {}),
      at("b", { v: "x" }),
    ]);
    expect(result.meters[0]!.quantity.toFixed()).toBe("2");
    expect(result.excluded).toEqual([]);
  });

  it("counts any present value once in a unique count, false and 0 included, but not null", () => {
    const result = aggregate(meter({ aggregation: "unique_count" }), [
      at("a", { v: false }),
      at("b", { v: 0 }),
      at("c", { v: "0" }),
      at("d", { v: null }),
    ]);
    // false, 0 and "0" are present values, counted; null is no value and is refused
    expect(result.excluded).toEqual([{ reason: "invalid_value", events: 1, sampleIds: ["d"] }]);
    expect(result.meters[0]!.events).toBe(3);
  });

  it("reads a persistent unique count's operation: add, remove or absent; null is absent", () => {
    const seats = meter({
      aggregation: "unique_count",
      valueProperty: "user",
      persistent: true,
      operationProperty: "op",
    });
    const result = aggregate(seats, [
      at("a", { user: "u1" }),
      at("b", { user: "u2", op: null }),
      at("c", { user: "u3", op: "add" }),
      at("d", { user: "u3", op: "remove" }),
      at("e", { user: "u4", op: "delete" }),
    ]);
    // u1 (no op: added), u2 (null: added), u3 added then removed: 3 active at some point; e is refused
    expect(result.meters[0]!.quantity.toFixed()).toBe("3");
    expect(result.excluded).toEqual([{ reason: "invalid_value", events: 1, sampleIds: ["e"] }]);
    expect(result.carryOut).toEqual({ m: { active: ["u1", "u2"] } });
  });
});
