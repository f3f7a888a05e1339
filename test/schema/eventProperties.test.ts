import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MeterRequest } from "../../src/meters/index.js";
import {
  isInheritedName,
  type MeterTerms,
  parseUsageEvent,
  propertyOf,
  safeParseUsageEvent,
} from "../../src/schema/index.js";
import { aggregateFor, EVENT_TYPE, FEBRUARY_UTC, usageEvent } from "../_arbitraries/meters.js";

const head = '"id":"e1","type":"usage","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z"';
const line = (properties: string) => JSON.parse(`{${head},"properties":${properties}}`) as unknown;

describe("__proto__, constructor and prototype are property names like any other", () => {
  it.each([
    ['{"__proto__":{"polluted":"yes"}}', "properties.__proto__"],
    ['{"constructor":{"a":1}}', "properties.constructor"],
    ['{"prototype":["a"]}', "properties.prototype"],
  ])("refuses %s as a nested value, like any key's", (properties, path) => {
    const result = safeParseUsageEvent(line(properties), "usage.ndjson line 1");
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.code).toBe("invalid_field");
    expect(result.error.path).toBe(path);
    // and nothing leaked into Object.prototype
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("keeps a flat __proto__ value as the event's own property, on every parse path", () => {
    // the fast path (a plain JSON.parse object) and the schema path (a null-prototype object)
    const fromJson = parseUsageEvent(line('{"__proto__":"x","gb":"1"}'));
    const bare = Object.assign(Object.create(null) as object, { gb: "1" });
    Object.defineProperty(bare, "__proto__", { value: "x", enumerable: true });
    const fromObject = parseUsageEvent({ ...(JSON.parse(`{${head}}`) as object), properties: bare });
    for (const event of [fromJson, fromObject]) {
      expect(Object.keys(event.properties).sort()).toEqual(["__proto__", "gb"]);
      expect(Object.getOwnPropertyDescriptor(event.properties, "__proto__")?.value).toBe("x");
      expect(Object.getPrototypeOf(event.properties)).toBe(Object.prototype);
    }
  });
});

describe("meters read only an event's own properties", () => {
  const feb = (day: number) => Date.UTC(2026, 1, day);

  it("does not count Object.prototype.constructor as a value for a unique count", () => {
    const users: MeterTerms = {
      id: "users",
      eventType: EVENT_TYPE,
      aggregation: "unique_count",
      valueProperty: "constructor",
    };
    // e1 has constructor "u1"; e2 has none: 1 distinct value, e2 invalid (it used to count Object itself)
    const result = aggregateFor(
      [users],
      [usageEvent("e1", feb(2), { constructor: "u1" }), usageEvent("e2", feb(3), {})],
    );
    expect(result.meters[0]!.quantity.toFixed()).toBe("1");
    expect(result.excluded).toEqual([{ reason: "invalid_value", events: 1, sampleIds: ["e2"] }]);
  });

  it("groups an event without the property under null, not under an inherited member", () => {
    const count: MeterTerms = { id: "bw", eventType: EVENT_TYPE, aggregation: "count" };
    const requests = new Map<string, MeterRequest>([
      ["bw", { groupings: [["constructor"]], collectValues: false }],
    ]);
    const result = aggregateFor(
      [count],
      [usageEvent("e1", feb(2), { constructor: "a" }), usageEvent("e2", feb(3), {})],
      FEBRUARY_UTC,
      { requests },
    );
    // one event in group "a", one in group null
    expect(
      result.groups[0]!.groups.map((group) => [group.group.constructor, group.quantity.toFixed()]),
    ).toEqual([
      ["a", "1"],
      [null, "1"],
    ]);
  });
});

describe("usage event messages speak ratecard's words, not zod's", () => {
  // The wording is the point here: "Invalid input", "record" and "received" are zod's jargon.
  const ok = JSON.parse(`{${head}}`) as Record<string, unknown>;
  it.each([
    ["a nested property value", { ...ok, properties: { count: { a: 1 } } }, "properties.count"],
    ["a list as a property value", { ...ok, properties: { count: [1] } }, "properties.count"],
    ["properties as a text", { ...ok, properties: "na" }, "properties"],
    ["a numeric id", { ...ok, id: 7 }, "id"],
    ["a number instead of an event", 7, ""],
  ])("%s", (_name, input, path) => {
    const result = safeParseUsageEvent(input, "usage.ndjson line 4");
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.path).toBe(path);
    expect(result.error.message).not.toMatch(/Invalid input|record|received/);
  });
});

describe("propertyOf", () => {
  const names = fc.constantFrom(...Object.getOwnPropertyNames(Object.prototype), "gb", "region", "prototype");
  const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));

  it("is the own property or undefined, for every name, Object.prototype's included", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(names, value), { maxLength: 4 }), names, (entries, name) => {
        const properties = Object.fromEntries(entries);
        const own = Object.hasOwn(properties, name) ? properties[name] : undefined;
        expect(propertyOf(properties, name)).toBe(own);
        // and a plain read agrees wherever the name is not Object.prototype's (the hot loops' shortcut)
        if (!isInheritedName(name)) expect(properties[name]).toBe(own);
      }),
    );
  });
});
