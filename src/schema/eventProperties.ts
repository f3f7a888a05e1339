import { toJsonPath } from "../errors/index.js";
import type { InputProblem } from "./issuesToError.js";
import type { PropertyValue } from "./usageEvent.js";

/** True for a value an event property may hold: a text, a finite number, true, false or null. */
export function isPropertyValue(value: unknown): value is PropertyValue {
  const kind = typeof value;
  return (
    value === null || kind === "string" || kind === "boolean" || (kind === "number" && Number.isFinite(value))
  );
}

/**
 * The value of an event's own property `name`, or undefined when the event does not have it. Never
 * an inherited member: an event without a "constructor" or "__proto__" property has no such value
 * (a plain `properties[name]` would read Object.prototype's).
 */
export function propertyOf(
  properties: Readonly<Record<string, PropertyValue>>,
  name: string,
): PropertyValue | undefined {
  const value: unknown = properties[name];
  // A property value is a primitive or null; everything Object.prototype holds is a function or an
  // object. So only a value of that kind needs the (slower) own-property check: the hot path is one read.
  if (typeof value !== "function" && (typeof value !== "object" || value === null))
    return value as PropertyValue | undefined;
  return Object.hasOwn(properties, name) ? (value as unknown as PropertyValue) : undefined;
}

/**
 * True for a name that a plain `properties[name]` read could find on Object.prototype ("constructor",
 * "toString", "__proto__", …). For every other name a plain read is exactly the own property, so hot
 * loops decide once per meter whether they need {@link propertyOf}.
 */
export function isInheritedName(name: string): boolean {
  return name in Object.prototype;
}

/**
 * A problem for each property of `properties` whose value is not a {@link isPropertyValue}, every key
 * alike ("__proto__" and "constructor" are property names like any other), in the event's key order.
 */
export function propertyProblems(properties: object, basePath: ReadonlyArray<PropertyKey>): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const [key, value] of Object.entries(properties)) {
    if (isPropertyValue(value)) continue;
    const path = toJsonPath([...basePath, key]);
    problems.push({
      code: "invalid_field",
      path,
      message: isOverflow(value)
        ? `${path} is a number too large to read: beyond about 1.8e308 a JSON number reads as ${String(value)}, and a quantity is below 10^15; check the value sent`
        : `${path} must be text, a number, true, false or null, not ${describe(value)}: meters read flat values only`,
    });
  }
  return problems;
}

// JSON.parse reads a number literal past the largest double (1e400) as ±Infinity: the file held a
// number, so "not Infinity" would blame a value the specialist never wrote.
function isOverflow(value: unknown): boolean {
  return value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (typeof value === "number") return String(value);
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}
