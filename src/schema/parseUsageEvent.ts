import { toJsonPath, type UsageError } from "../errors/index.js";
import { safeParseEpochInstant, safeParseInstant, type UsageTimestamps } from "../time/index.js";
import { isPropertyValue, propertyProblems } from "./eventProperties.js";
import { foreignEventMessage } from "./foreignEvent.js";
import { toInputError, toProblems } from "./issuesToError.js";
import { type PropertyValue, type UsageEvent, usageEventSchemaFor } from "./usageEvent.js";

/** How {@link parseUsageEvent} reads an event. */
export interface UsageEventOptions {
  /**
   * How the timestamp is written: `"text"` (ISO 8601 with its offset, the default), `"epoch_s"` (seconds
   * since 1970, as Stripe meter events and Lago events send it; a fraction reads to the millisecond) or
   * `"epoch_ms"` (milliseconds since 1970). A number, or a decimal as text, for the two epoch ones.
   */
  readonly timestamps?: UsageTimestamps;
}

/** Result of {@link safeParseUsageEvent}. */
export type SafeParseUsageEventResult =
  | { readonly success: true; readonly data: UsageEvent }
  | { readonly success: false; readonly error: UsageError };

/**
 * Validates one usage event without throwing.
 * @param location - where the event sits: an array index (the error path becomes `[17].timestamp`) or
 *   a label such as `usage.ndjson line 18` (the path stays `timestamp`, the message starts with the label)
 */
export function safeParseUsageEvent(
  input: unknown,
  location: number | string = 0,
  options: UsageEventOptions | ReadonlyArray<unknown> = {},
): SafeParseUsageEventResult {
  // An array is `events.map(parseUsageEvent)`'s third argument, the events themselves: no options.
  const timestamps = ("timestamps" in options ? options.timestamps : undefined) ?? "text";
  const fast = parseWellFormedEvent(input, timestamps);
  if (fast !== undefined) return { success: true, data: fast };
  const base = typeof location === "number" ? [location] : [];
  const properties = propertiesOf(input);
  const parsed = usageEventSchemaFor(timestamps).safeParse(input);
  // Property values are checked here rather than by zod: zod's record drops a "__proto__" key (and
  // with it a nested object that every other key would be refused for), and says only "Invalid input".
  const invalidProperties =
    properties === undefined ? [] : propertyProblems(properties, [...base, "properties"]);
  if (!parsed.success || invalidProperties.length > 0) {
    const reported = new Set(invalidProperties.map((problem) => problem.path));
    // Another system's event: its field names, not each field ratecard misses, are the problem.
    const foreign = foreignEventMessage(input);
    const found = foreign === undefined ? undefined : [{ ...foreign, path: toJsonPath(base) }];
    const problems = (
      found ?? [
        ...(parsed.success
          ? []
          : toProblems(parsed.error.issues, input, base, usageEventSchemaFor(timestamps))
        ).filter((problem) => !reported.has(problem.path)),
        ...invalidProperties,
      ]
    ).map((problem) =>
      typeof location === "number" ? problem : { ...problem, message: `${location}: ${problem.message}` },
    );
    return { success: false, error: toInputError("usage", problems) as UsageError };
  }
  const event = parsed.data;
  return {
    success: true,
    data: {
      id: event.id,
      type: event.type,
      customer: event.customer,
      timestamp: event.timestamp,
      // Copied from the input's own entries (every one checked above), so "__proto__" stays a property.
      properties: properties === undefined ? {} : Object.fromEntries(Object.entries(properties)),
    },
  };
}

// The event's properties object, when it has one to check key by key.
function propertiesOf(input: unknown): object | undefined {
  if (typeof input !== "object" || input === null) return undefined;
  const properties = (input as { properties?: unknown }).properties;
  return typeof properties === "object" && properties !== null && !Array.isArray(properties)
    ? properties
    : undefined;
}

/**
 * Validates one usage event: `{ id, type, customer, timestamp, properties }`.
 * @throws UsageError with the JSON path of the problem, e.g. `[17].timestamp` (code `invalid_instant`)
 */
export function parseUsageEvent(
  input: unknown,
  location: number | string = 0,
  options: UsageEventOptions | ReadonlyArray<unknown> = {},
): UsageEvent {
  const result = safeParseUsageEvent(input, location, options);
  if (result.success) return result.data;
  throw result.error;
}

const EVENT_KEYS = new Set(["id", "type", "customer", "timestamp", "properties"]);

/**
 * The same checks as `usageEventSchema` for an event that passes them all, without zod's machinery:
 * millions of well-formed events go through here. Anything unusual returns undefined, and the schema
 * then produces the precise error (or accepts it), so both paths always agree.
 */
function parseWellFormedEvent(input: unknown, timestamps: UsageTimestamps): UsageEvent | undefined {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return undefined;
  const event = input as Record<string, unknown>;
  for (const key in event) if (!EVENT_KEYS.has(key)) return undefined;
  const { id, type, customer, timestamp, properties } = event;
  if (typeof id !== "string" || id === "" || typeof type !== "string" || type === "") return undefined;
  if (typeof customer !== "string" || customer === "") return undefined;
  if (properties !== undefined && !isPropertyRecord(properties)) return undefined;
  const instant =
    timestamps !== "text"
      ? safeParseEpochInstant(timestamp, timestamps)
      : typeof timestamp === "string"
        ? safeParseInstant(timestamp)
        : undefined;
  if (instant === undefined) return undefined;
  if (!instant.success) return undefined;
  return {
    id,
    type,
    customer,
    timestamp: instant.data,
    properties: (properties ?? {}) as Readonly<Record<string, PropertyValue>>,
  };
}

function isPropertyRecord(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) if (!isPropertyValue((value as Record<string, unknown>)[key])) return false;
  return true;
}
