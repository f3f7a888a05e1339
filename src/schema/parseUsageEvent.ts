import type { UsageError } from "../errors/index.js";
import { toInputError, toProblems } from "./issuesToError.js";
import { type UsageEvent, usageEventSchema } from "./usageEvent.js";

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
): SafeParseUsageEventResult {
  const parsed = usageEventSchema.safeParse(input);
  if (!parsed.success) {
    const problems =
      typeof location === "number"
        ? toProblems(parsed.error.issues, input, [location])
        : toProblems(parsed.error.issues, input).map((problem) => ({
            ...problem,
            message: `${location}: ${problem.message}`,
          }));
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
      properties: event.properties ?? {},
    },
  };
}

/**
 * Validates one usage event: `{ id, type, customer, timestamp, properties }`.
 * @throws UsageError with the JSON path of the problem, e.g. `[17].timestamp` (code `invalid_instant`)
 */
export function parseUsageEvent(input: unknown, location: number | string = 0): UsageEvent {
  const result = safeParseUsageEvent(input, location);
  if (result.success) return result.data;
  throw result.error;
}
