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
  return Object.hasOwn(properties, name) ? properties[name] : undefined;
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
      message: `${path} must be a text, a number, true, false or null, not ${describe(value)}: meters read flat values only`,
    });
  }
  return problems;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (typeof value === "number") return String(value);
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}
