import type { UsageTimestamps } from "../index.js";

/**
 * The plain event: an object of the five event fields only, id, type, customer and timestamp text (or
 * null: the query refuses a null field itself), properties an object of text, numbers, true, false or
 * null, strict JSON throughout, `blank` the white space allowed between tokens. Every event it matches
 * is one ratecard's reader and DuckDB's read alike; every other is read with JSON.parse (a property that
 * is a list, an escaped key are fine; NaN, Infinity, `1e400`, `"properties": null`, a field ratecard
 * does not know are not). A number of at most 200 digits before the point and 2 in the exponent is
 * below 1e299: never Infinity. Strings unrolled (a run of plain characters, then an escape and another
 * run): no backtracking point per character.
 */
export function plainEvent(blank: string, timestamps: UsageTimestamps = "text"): string {
  const text = '"[^"\\\\\\u0000-\\u001f]*(?:\\\\(?:["\\\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\\\\u0000-\\u001f]*)*"';
  const number = "-?(?:0|[1-9]\\d{0,199})(?:\\.\\d+)?(?:[eE][+-]?\\d\\d?)?";
  const pair = `${text}${blank}:${blank}(?:${text}|${number}|true|false|null)`;
  const properties = `\\{${blank}(?:${pair}${blank}(?:,${blank}${pair}${blank})*)?\\}`;
  // A count since 1970 (--timestamps epoch_s or epoch_ms): any number, which DuckDB and JSON.parse read
  // as the same double, or text of digits; other text (an exponent: "1e-05" is also DuckDB's text of the
  // number 0.00001) is looked at with JSON.parse.
  const instant = timestamps === "text" ? text : `"\\d+(?:\\.\\d+)?"|${number}`;
  const field = `(?:"(?:id|type|customer)"${blank}:${blank}(?:${text}|null)|"timestamp"${blank}:${blank}(?:${instant}|null)|"properties"${blank}:${blank}${properties})`;
  return `\\{${blank}${field}${blank}(?:,${blank}${field}${blank})*\\}`;
}

const EVENT_FIELDS = ["id", "type", "customer", "timestamp"] as const;
const KNOWN_FIELDS: ReadonlySet<string> = new Set([...EVENT_FIELDS, "properties"]);
export const NOT_JSON = "not valid JSON";

/**
 * What ratecard's reader refuses in an event DuckDB reads, in a few words; undefined when there is
 * nothing (blank text, skipped by both), or when DuckDB refuses the event too: no object, a missing or
 * null field, properties that are a list or a nested value (the query's own checks).
 */
export function whyRefused(event: string, timestamps: UsageTimestamps = "text"): string | undefined {
  if (event.trim() === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(event);
  } catch {
    return NOT_JSON;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
  const fields = parsed as Record<string, unknown>;
  const notText = EVENT_FIELDS.find((name) => {
    const value = fields[name];
    if (name === "timestamp" && timestamps !== "text" && typeof value === "number") return false;
    return value !== undefined && value !== null && typeof value !== "string";
  });
  if (notText !== undefined) return `${notText} is not text`;
  // A count since 1970 as text: digits, a point and digits (DuckDB's text of a number is never refused).
  if (
    timestamps !== "text" &&
    typeof fields.timestamp === "string" &&
    !/^\d+(\.\d+)?$/.test(fields.timestamp)
  )
    return "timestamp is not a count since 1970";
  const unknown = Object.keys(fields).find((name) => !KNOWN_FIELDS.has(name));
  if (unknown !== undefined) return `${JSON.stringify(unknown)} is not a field ratecard knows`;
  const properties = fields.properties;
  if (properties === null) return "properties is null, not an object";
  if (typeof properties !== "object" || properties === undefined) return undefined;
  const huge = Object.entries(properties).find(
    ([, value]) => typeof value === "number" && !Number.isFinite(value),
  );
  return huge === undefined ? undefined : `properties.${huge[0]} is too large a number`;
}
