import { type Decimal, safeParseDecimal } from "../money/index.js";
import type { FilterTerms, PropertyValue } from "../schema/index.js";

// The filters `compileFilters` prepares itself (equals, and in / not_in as set lookups) are not here.
type OtherFilter = Exclude<FilterTerms, { readonly op: "equals" | "in" | "not_in" }>;

/**
 * True when the event's properties meet the filter. Values compare strictly: the text "1" is not the
 * number 1, so a filter means exactly what it says.
 */
function matchesFilter(properties: Readonly<Record<string, PropertyValue>>, filter: OtherFilter): boolean {
  const has = Object.hasOwn(properties, filter.property);
  const value = properties[filter.property];
  switch (filter.op) {
    case "exists":
      return has && value !== null;
    case "not_equals":
      return !has || value !== filter.value;
    default:
      return compareNumber(value, filter.op, filter.value);
  }
}

// Numeric comparisons read the property as a decimal (a number or a decimal string); anything else
// does not match, so "n/a" > 5 is simply false rather than an error.
function compareNumber(
  value: PropertyValue | undefined,
  op: "gt" | "gte" | "lt" | "lte",
  bound: Decimal,
): boolean {
  if (typeof value !== "number" && typeof value !== "string") return false;
  const parsed = safeParseDecimal(value);
  if (!parsed.success) return false;
  const order = parsed.data.comparedTo(bound);
  return op === "gt" ? order > 0 : op === "gte" ? order >= 0 : op === "lt" ? order < 0 : order <= 0;
}

/**
 * The filters as one predicate, prepared once per meter: `in` and `not_in` become set lookups, and a
 * meter without filters matches without looking at the event.
 */
export function compileFilters(
  filters: ReadonlyArray<FilterTerms>,
): (properties: Readonly<Record<string, PropertyValue>>) => boolean {
  if (filters.length === 0) return () => true;
  const tests = filters.map((filter) => {
    if (filter.op === "in" || filter.op === "not_in") {
      const values = new Set<unknown>(filter.values);
      const wanted = filter.op === "in";
      return (properties: Readonly<Record<string, PropertyValue>>) => {
        const has = Object.hasOwn(properties, filter.property);
        return wanted
          ? has && values.has(properties[filter.property])
          : !has || !values.has(properties[filter.property]);
      };
    }
    if (filter.op === "equals") {
      return (properties: Readonly<Record<string, PropertyValue>>) =>
        properties[filter.property] === filter.value && Object.hasOwn(properties, filter.property);
    }
    return (properties: Readonly<Record<string, PropertyValue>>) => matchesFilter(properties, filter);
  });
  if (tests.length === 1) return tests[0]!;
  return (properties) => tests.every((test) => test(properties));
}
