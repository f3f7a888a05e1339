import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileFilters } from "../../src/meters/matchesFilters.js";
import type { FilterTerms, PropertyValue } from "../../src/schema/index.js";

// compileFilters answers `in`, `not_in` and `equals` without asking whether the property is the
// event's own when every value of the filter is a property value (a read that finds no own property
// gives undefined or an Object.prototype member, never one of those), and compares with each of up to
// eight values instead of asking a set. Checked against the plain definition: own property, set look-up.
function reference(properties: Readonly<Record<string, PropertyValue>>, filter: FilterTerms): boolean {
  if (filter.property === undefined) throw new Error("not generated");
  const has = Object.hasOwn(properties, filter.property);
  const value = properties[filter.property];
  if (filter.op === "in") return has && new Set<unknown>(filter.values).has(value);
  if (filter.op === "not_in") return !has || !new Set<unknown>(filter.values).has(value);
  if (filter.op === "equals") return has && value === filter.value;
  throw new Error("not generated");
}

const NAMES = ["region", "constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"] as const;
const valueArb: fc.Arbitrary<PropertyValue> = fc.oneof(
  fc.constantFrom("eu", "na", "", "constructor", "0"),
  fc.constantFrom(0, -0, 1, 2.5),
  fc.boolean(),
  fc.constant(null),
);
// Properties built from entries, so "__proto__" can be an own property like any other.
const propertiesArb = fc
  .array(fc.tuple(fc.constantFrom(...NAMES), valueArb), { maxLength: 4 })
  .map((entries) => {
    const properties: Record<string, PropertyValue> = {};
    for (const [name, value] of entries)
      Object.defineProperty(properties, name, { value, enumerable: true, configurable: true });
    return properties;
  });
// A filter's values are texts, numbers and booleans (the contract schema's), never null.
const filterValueArb = valueArb.filter((value): value is string | number | boolean => value !== null);
const filterArb: fc.Arbitrary<FilterTerms> = fc.oneof(
  fc.record({
    property: fc.constantFrom(...NAMES),
    op: fc.constantFrom("in" as const, "not_in" as const),
    values: fc.array(filterValueArb, { minLength: 1, maxLength: 12 }),
  }),
  fc.record({
    property: fc.constantFrom(...NAMES),
    op: fc.constant("equals" as const),
    value: filterValueArb,
  }),
);

describe("compileFilters (laws)", () => {
  it("answers in, not_in and equals as the own-property definition does", () => {
    fc.assert(
      fc.property(propertiesArb, filterArb, (properties, filter) => {
        expect(compileFilters([filter])(properties)).toBe(reference(properties, filter));
      }),
      { numRuns: 500 },
    );
  });

  it("keeps the own-property check for values that are not property values (a caller's objects)", () => {
    const inherited = Object.prototype.toString as unknown as PropertyValue;
    const filter = { property: "toString", op: "in", values: [inherited] } as FilterTerms;
    // toString is inherited, not the event's: not in the list, though a plain read finds it
    expect(compileFilters([filter])({})).toBe(false);
    expect(compileFilters([{ ...filter, op: "not_in" } as FilterTerms])({})).toBe(true);
    const equals = { property: "toString", op: "equals", value: inherited } as FilterTerms;
    expect(compileFilters([equals])({})).toBe(false);
  });
});
