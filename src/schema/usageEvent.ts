import * as z from "zod/mini";
import { epochTimestampHint } from "../errors/index.js";
import { safeParseEpochInstant, type UsageTimestamps } from "../time/index.js";
import { instantSchemaWith, ratecardIssue } from "./primitives.js";

/** A property value on a usage event. Numbers may be given as decimal strings ("12.5") for exactness. */
export type PropertyValue = string | number | boolean | null;

/** A usage event's property value: text, a number, true/false or null (also a line's group value). */
export const eventPropertyValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

// zod's own wording ("expected record, received string") speaks of its types; these say what an event
// field holds. The value that was sent is added by the error's sentence ("…, not the number 5").
const expected = (what: string) => (): string => `expected ${what}`;

/**
 * One usage event as sent by the customer's systems. Events have no version field of their own: the
 * event format is versioned with the contract format (docs/decisions/versioning.md).
 */
export const usageEventSchema = eventSchemaWith(instantSchemaWith(countHint));

// A count since 1970 where ISO 8601 text was expected (a JSON number; a CSV cell of digits, which is the
// same count as text) is most often seconds from a Stripe or Lago export: the hint after the value names
// the option that reads it, never guessing seconds or milliseconds from its size.
function countHint(value: unknown): string | undefined {
  const count = typeof value === "number" || (typeof value === "string" && /^\d+(\.\d+)?$/.test(value));
  return count ? epochTimestampHint() : undefined;
}

// A timestamp written as a count since 1970 (src/time/epochInstant.ts), parsed to epoch milliseconds.
const epochSchema = (unit: "epoch_s" | "epoch_ms") =>
  z.pipe(
    z.unknown(),
    z.transform((value, ctx) => {
      const parsed = safeParseEpochInstant(value, unit);
      if (parsed.success) return parsed.data;
      ctx.issues.push({ ...ratecardIssue("invalid_instant", parsed.reason), input: value });
      return z.NEVER;
    }),
  );

const EVENT_SCHEMAS = {
  text: usageEventSchema,
  epoch_s: eventSchemaWith(epochSchema("epoch_s")),
  epoch_ms: eventSchemaWith(epochSchema("epoch_ms")),
};

/** The event schema whose timestamp is written as `timestamps` says (ISO 8601 text by default). */
export function usageEventSchemaFor(timestamps: UsageTimestamps) {
  return EVENT_SCHEMAS[timestamps];
}

function eventSchemaWith<T extends z.ZodMiniType<number, unknown>>(timestampSchema: T) {
  return z.strictObject(
    {
      id: z
        .string({ error: expected("text") })
        .check(z.minLength(1, { message: "must not be empty: every event needs an id for deduplication" })),
      type: z
        .string({ error: expected("text") })
        .check(z.minLength(1, { message: "must name the event type" })),
      customer: z
        .string({ error: expected("text") })
        .check(z.minLength(1, { message: "must name the customer" })),
      timestamp: timestampSchema,
      properties: z.optional(
        z.record(z.string(), eventPropertyValueSchema, {
          error: expected("an object of property names and values"),
        }),
      ),
    },
    { error: expected("an event object with id, type, customer, timestamp and properties") },
  );
}

/** A usage event as sent (timestamp as text). */
export type UsageEventInput = z.input<typeof usageEventSchema>;

/** A validated usage event: `timestamp` is epoch milliseconds. */
export interface UsageEvent {
  readonly id: string;
  readonly type: string;
  readonly customer: string;
  readonly timestamp: number;
  readonly properties: Readonly<Record<string, PropertyValue>>;
}
