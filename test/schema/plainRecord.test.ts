import { describe, expect, it } from "vitest";
import { isCount, plainRecord } from "../../src/schema/index.js";

const keys = new Set(["a", "b"]);

describe("plainRecord", () => {
  it("returns a plain object whose keys are all allowed, whichever of them it has", () => {
    const value = { a: 1 };
    expect(plainRecord(value, keys)).toBe(value);
    expect(plainRecord(JSON.parse('{"a":1,"b":2}'), keys)).toEqual({ a: 1, b: 2 });
    expect(plainRecord(Object.assign(Object.create(null), { b: 1 }), keys)).toEqual({ b: 1 });
  });

  it("leaves anything else to the schema: other keys, undefined values, arrays, class instances, non-objects", () => {
    expect(plainRecord({ a: 1, c: 2 }, keys)).toBeUndefined();
    expect(plainRecord({ a: undefined }, keys)).toBeUndefined();
    expect(plainRecord([1], keys)).toBeUndefined();
    expect(plainRecord(new (class Thing {})(), keys)).toBeUndefined();
    expect(plainRecord(Object.create({ a: 1 }), keys)).toBeUndefined();
    for (const value of [null, undefined, 1, "a", true]) expect(plainRecord(value, keys)).toBeUndefined();
  });
});

describe("isCount", () => {
  it("accepts whole numbers from 0 to 2^53 − 1, as the event-count schema does", () => {
    for (const value of [0, -0, 1, 2 ** 53 - 1]) expect(isCount(value)).toBe(true);
    for (const value of [-1, 1.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, "1", null])
      expect(isCount(value)).toBe(false);
  });
});
