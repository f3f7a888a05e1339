import { type ErrorMessage, foreignEvent } from "../errors/index.js";

/** How another billing system names an event's fields, and which of them are ratecard's. */
interface ForeignShape {
  readonly system: string;
  /** Fields the event must have for it to be taken for this system's (each name, or names one of which). */
  readonly marks: ReadonlyArray<string>;
  /** The system's field → ratecard's, in the order a sentence lists them. */
  readonly renames: ReadonlyArray<readonly [string, string]>;
  /** How the system writes the timestamp, when ratecard reads it otherwise. */
  readonly timestamp?: string;
}

// The ingestion formats of the billing systems ratecard's users move from, by their documented field names:
// Lago's POST /api/v1/events (transaction_id, code, external_subscription_id or external_customer_id,
// timestamp in Unix seconds), Metronome's /v1/ingest (transaction_id, customer_id, event_type, RFC 3339),
// Orb's /v1/ingest (idempotency_key, event_name, customer_id or external_customer_id, ISO 8601), Stripe's
// billing meter events (identifier, event_name, payload.stripe_customer_id and payload.value, Unix
// seconds) and OpenMeter's CloudEvents (id, type, subject, time, data).
const SHAPES: ReadonlyArray<ForeignShape> = [
  {
    system: "Lago",
    marks: ["transaction_id", "code"],
    renames: [
      ["transaction_id", "id"],
      ["code", "type"],
      ["external_subscription_id", "customer"],
      ["external_customer_id", "customer"],
    ],
    timestamp: "Unix seconds",
  },
  {
    system: "Metronome",
    marks: ["transaction_id", "event_type"],
    renames: [
      ["transaction_id", "id"],
      ["event_type", "type"],
      ["customer_id", "customer"],
    ],
  },
  {
    system: "Orb",
    marks: ["idempotency_key", "event_name"],
    renames: [
      ["idempotency_key", "id"],
      ["event_name", "type"],
      ["external_customer_id", "customer"],
      ["customer_id", "customer"],
    ],
  },
  {
    system: "Stripe",
    marks: ["event_name", "payload"],
    renames: [
      ["identifier", "id"],
      ["event_name", "type"],
      ["payload.stripe_customer_id", "customer"],
      ["payload", "properties"],
    ],
    timestamp: "Unix seconds",
  },
  {
    system: "OpenMeter",
    marks: ["subject", "time"],
    renames: [
      ["subject", "customer"],
      ["time", "timestamp"],
      ["data", "properties"],
    ],
  },
];

/**
 * The sentence for an event written in another billing system's format (a Lago, Metronome, Orb, Stripe or
 * OpenMeter export) rather than ratecard's `{ id, type, customer, timestamp, properties }`: which of its
 * fields are ratecard's which, so the specialist renames them instead of reading "id is required" and six
 * more problems. Undefined for an event that is not recognisably another system's, or that has every
 * field ratecard needs (its problems are then its own).
 */
export function foreignEventMessage(input: unknown): ErrorMessage | undefined {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return undefined;
  const fields = Object.keys(input);
  if (["id", "type", "customer"].every((field) => fields.includes(field))) return undefined;
  const shape = SHAPES.find(({ marks }) => marks.every((mark) => fields.includes(mark)));
  if (shape === undefined) return undefined;
  // Only the renames the event's own fields call for (Lago's customer is one of two fields).
  const renames = shape.renames.filter(([from]) => fields.includes(from.split(".")[0] as string));
  const timestamp = (input as { timestamp?: unknown }).timestamp;
  const inSeconds = shape.timestamp !== undefined && typeof timestamp === "number";
  return foreignEvent(shape.system, renames, inSeconds ? shape.timestamp : undefined);
}
