import { z } from "zod";
import { instantSchema } from "./primitives.js";

/** A property value on a usage event. Numbers may be given as decimal strings ("12.5") for exactness. */
export type PropertyValue = string | number | boolean | null;

// zod's own wording ("expected record, received string") speaks of its types; these say what an event
// field holds, and show the value that was sent.
const expected =
  (what: string) =>
  (issue: { readonly input?: unknown }): string =>
    `expected ${what}, got ${shown(issue.input)}`;

function shown(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

/**
 * One usage event as sent by the customer's systems. Events have no version field of their own: the
 * event format is versioned with the contract format (docs/decisions/versioning.md).
 */
export const usageEventSchema = z.strictObject(
  {
    id: z
      .string({ error: expected("a text") })
      .min(1, { message: "must not be empty: every event needs an id for deduplication" }),
    type: z.string({ error: expected("a text") }).min(1, { message: "must name the event type" }),
    customer: z.string({ error: expected("a text") }).min(1, { message: "must name the customer" }),
    timestamp: instantSchema,
    properties: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]), {
        error: expected("an object of property names and values"),
      })
      .optional(),
  },
  { error: expected("an event object with id, type, customer, timestamp and properties") },
);

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
