import * as z from "zod/mini";
import { aggregatesMessages, InputError, isRecord } from "../errors/index.js";
import { isCount, perObject, plainRecord, toInputError, toProblems } from "../schema/index.js";
import { formatInstant } from "../time/index.js";
import { checkMadeFor, isMadeFor, madeForOf, madeForSchema } from "./aggregatesMadeFor.js";
import type { PreparedRating, UsageAggregates } from "./usageAggregates.js";

// The usage aggregates' envelope (docs/scale.md, "The aggregates JSON"): what it holds besides the
// states, written by header and read back, checked against the prepared rating, by readEnvelope.

const envelopeSchema = z.strictObject({
  aggregatesVersion: z.literal(1),
  customer: z.string(),
  period: z.strictObject({ start: z.string(), end: z.string() }),
  shards: z.strictObject({
    count: z.number().check(z.int(), z.positive()),
    indices: z.array(z.number().check(z.int(), z.nonnegative())).check(z.minLength(1)),
  }),
  daily: z.optional(z.literal(true)),
  madeFor: z.optional(madeForSchema),
  whole: z.unknown(),
  pieces: z.optional(z.array(z.unknown())),
  spans: z.optional(z.array(z.unknown())),
});
export type Envelope = z.infer<typeof envelopeSchema>;

export function header(prepared: PreparedRating, shards: UsageAggregates["shards"]) {
  const { service } = prepared.period;
  return {
    aggregatesVersion: 1 as const,
    customer: prepared.contract.customer.id,
    period: { start: formatInstant(service.start), end: formatInstant(service.end) },
    shards: { count: shards.count, indices: [...shards.indices] },
    ...(prepared.daily ? { daily: true as const } : {}),
    madeFor: madeForOf(prepared),
  };
}

// The customer and period texts aggregates must name, once per prepared rating rather than per
// aggregates read (issue 14; a PreparedRating is immutable).
const expectedHeader = perObject((prepared: PreparedRating) => header(prepared, { count: 1, indices: [] }));

// The envelope, checked against the prepared rating: same customer, period, daily setting, shards that
// name real shards, one set of states per piece.
export function readEnvelope(
  prepared: PreparedRating,
  input: unknown,
  path: ReadonlyArray<PropertyKey>,
): Envelope {
  const envelope = readEnvelopeFast(input) ?? parseEnvelope(input, path);
  const expected = expectedHeader(prepared);
  if (envelope.customer !== expected.customer)
    throw mismatch(path, "customer", `"${envelope.customer}"`, `"${expected.customer}"`, "customer");
  if (envelope.period.start !== expected.period.start || envelope.period.end !== expected.period.end)
    throw mismatch(path, "the period", periodText(envelope.period), periodText(expected.period), "period");
  if ((envelope.daily === true) !== prepared.daily)
    throw mismatch(
      path,
      "daily quantities",
      envelope.daily ? "kept" : "not kept",
      prepared.daily ? "kept" : "not kept",
      "daily",
    );
  const { count, indices } = envelope.shards;
  // One index cannot repeat: no set made per invoice for the usual single shard (issue 14).
  const repeated = indices.length > 1 && new Set(indices).size !== indices.length;
  if (indices.some((index) => index >= count) || repeated)
    throw InputError.from(aggregatesMessages.invalidShard(envelope.shards), fieldPath(path, "shards"));
  // A period no amendment splits has no pieces list; a split one has one set of states per piece.
  const pieces = prepared.period.pieces.length;
  const wanted = pieces > 1 ? pieces : 0;
  const given = envelope.pieces?.length ?? 0;
  if (given !== wanted) throw mismatch(path, "a period", cut(given), `a period ${cut(wanted)}`, "pieces");
  // …and one set per span, a stretch of pieces a charge is rated over at once (chargeRuns.ts).
  const spans = prepared.period.spans.length;
  const givenSpans = envelope.spans?.length ?? 0;
  if (givenSpans !== spans)
    throw mismatch(
      path,
      "a period with",
      stretches(givenSpans),
      `a period with ${stretches(spans)}`,
      "spans",
    );
  // Last: the checks above name what differs in the envelope's own words.
  checkMadeFor(envelope.madeFor, prepared, path);
  return envelope;
}

// The error for aggregates made for another rating, and its path. Functions of their own rather than
// closures made in readEnvelope: they were made on every invoice read, and used only for an error.
function mismatch(
  path: ReadonlyArray<PropertyKey>,
  what: string,
  found: string,
  wanted: string,
  field: string,
): InputError {
  return InputError.from(
    aggregatesMessages.aggregatesForOtherRating(what, found, wanted),
    fieldPath(path, field),
  );
}

function fieldPath(path: ReadonlyArray<PropertyKey>, field: string): string {
  return [...path.map(String), field].join(".");
}

function cut(count: number): string {
  return count === 0 ? "no amendment cuts" : `cut into ${count} pieces by amendments`;
}

function stretches(count: number): string {
  return count === 0 ? "no stretch of pieces" : `${count} stretches of pieces rated at once`;
}

function periodText(period: { readonly start: string; readonly end: string }): string {
  return `${period.start} to ${period.end}`;
}

// Only what the fast path did not accept comes here, so the checks below cost nothing per invoice rated.
function parseEnvelope(input: unknown, path: ReadonlyArray<PropertyKey>): Envelope {
  // Not an object: the argument itself is wrong, named as rateInvoice names its events and period ("the
  // input must be an object" at the path "" read as a field of something).
  if (!isRecord(input))
    throw InputError.from(
      aggregatesMessages.aggregatesNotObject(input),
      path.length === 0 ? "aggregates" : path.map(String).join("."),
    );
  const parsed = envelopeSchema.safeParse(input);
  if (!parsed.success)
    throw toInputError("input", toProblems(parsed.error.issues, input, path, envelopeSchema));
  return parsed.data;
}

const ENVELOPE_KEYS: ReadonlySet<string> = new Set([
  "aggregatesVersion",
  "customer",
  "period",
  "shards",
  "daily",
  "madeFor",
  "whole",
  "pieces",
  "spans",
]);
const PERIOD_KEYS: ReadonlySet<string> = new Set(["start", "end"]);
const SHARDS_KEYS: ReadonlySet<string> = new Set(["count", "indices"]);

// The envelope checked by hand, for rating many aggregates (issue 14): undefined unless
// `envelopeSchema` would accept it as it is; zod then reads it and says what is wrong.
function readEnvelopeFast(input: unknown): Envelope | undefined {
  const record = plainRecord(input, ENVELOPE_KEYS);
  if (record === undefined || record.aggregatesVersion !== 1 || typeof record.customer !== "string")
    return undefined;
  const period = plainRecord(record.period, PERIOD_KEYS);
  if (period === undefined || typeof period.start !== "string" || typeof period.end !== "string")
    return undefined;
  const shards = plainRecord(record.shards, SHARDS_KEYS);
  if (shards === undefined || !isCount(shards.count) || shards.count === 0) return undefined;
  const { indices } = shards;
  // Array.from reads a hole of a sparse array ([0, , 1]) as undefined, as zod does; `every` skips it.
  if (!Array.isArray(indices) || indices.length === 0 || !Array.from(indices).every(isCount))
    return undefined;
  if (record.daily !== undefined && record.daily !== true) return undefined;
  if (record.madeFor !== undefined && !isMadeFor(record.madeFor)) return undefined;
  if (record.pieces !== undefined && !Array.isArray(record.pieces)) return undefined;
  if (record.spans !== undefined && !Array.isArray(record.spans)) return undefined;
  return record as Envelope;
}
