import * as z from "zod/mini";
import { aggregatesMessages, InputError, toJsonPath } from "../errors/index.js";
import {
  EXCLUSION_REASONS,
  isCount,
  plainRecord,
  toInputError,
  toProblems,
  type UsageEvent,
} from "../schema/index.js";
import {
  type AggregateUsageOptions,
  type AggregateUsageResult,
  copyReport,
  report,
} from "./aggregateUsage.js";
import { checkCarriedState } from "./checkCarriedState.js";
import { checkGroupStates } from "./checkGroupStates.js";
import { type CopyReport, deduplicateInto } from "./deduplicate.js";
import { EventPass } from "./eventPass.js";
import type { Exclusion } from "./exclusionTally.js";
import { eventCountSchema } from "./stateJson.js";

/**
 * One period's usage as mergeable states, as JSON: what {@link aggregateUsage} counts before it
 * finalizes anything. The meters' states (meterAccumulator.ts `toJson`), in the contract's meter order,
 * and the account of every event read: how many, how many counted, which were excluded and why.
 */
export interface UsageStates {
  readonly eventsRead: number;
  readonly eventsCounted: number;
  readonly excluded: ReadonlyArray<Exclusion>;
  readonly idsReusedByOtherCustomers?: { readonly ids: number; readonly sampleIds: ReadonlyArray<string> };
  readonly meters: ReadonlyArray<unknown>;
}

const sampleSchema = z.array(z.string()).check(z.maxLength(5));

/** The envelope of {@link UsageStates}; each meter's states are read by its own accumulator's schema. */
const usageStatesSchema = z.strictObject({
  eventsRead: eventCountSchema,
  eventsCounted: eventCountSchema,
  excluded: z.array(
    z.strictObject({ reason: z.enum(EXCLUSION_REASONS), events: eventCountSchema, sampleIds: sampleSchema }),
  ),
  idsReusedByOtherCustomers: z.optional(z.strictObject({ ids: eventCountSchema, sampleIds: sampleSchema })),
  meters: z.array(z.unknown()),
});

/**
 * Aggregates events as {@link aggregateUsage} does — deduplicated by id, each counted or excluded with
 * its reason — but stops before finalizing: the result is the meters' states, which merge with other
 * shards' and rate later ({@link usageFromStates}).
 */
export function aggregateUsageStates(
  events: Iterable<UsageEvent>,
  options: AggregateUsageOptions,
): UsageStates {
  const all = Array.isArray(events) ? (events as ReadonlyArray<UsageEvent>) : [...events];
  // Carried state is a finalizing matter; the event pass needs none.
  const copies = copyReport(options);
  const pass = new EventPass(options, copies.excluded, {});
  const eventsRead =
    options.deduplicate === false
      ? all.reduce((read, event) => {
          pass.accept(event);
          return read + 1;
        }, 0)
      : deduplicateInto(all, copies, (event) => pass.accept(event));
  return statesOf(pass, eventsRead, copies);
}

/**
 * The usage report of states made by {@link aggregateUsageStates} (or merged, or produced elsewhere in
 * the same shape): the same result `aggregateUsage` gives for the events they were made from.
 * @throws InputError with the path (under `path`) of the first problem in the states
 */
export function usageFromStates(
  states: unknown,
  options: AggregateUsageOptions,
  path: ReadonlyArray<PropertyKey>,
): AggregateUsageResult {
  const carried = checkCarriedState(options.carried, options.meters);
  const copies = copyReport(options);
  const pass = new EventPass(options, copies.excluded, carried);
  const eventsRead = restoreInto(pass, copies, states, path);
  const result = report(pass, eventsRead, copies);
  requireMetersWithinCounted(result, path);
  return result;
}

// A meter counts only counted events, so none counts more than the aggregates' `eventsCounted`. Read
// by hand (61,400 GB "from 5,000 events" of 2,950 counted), the invoice would contradict itself, and a
// count meter would bill the events the account denies. One comparison per meter, after the states are
// finalized (a meter's events are its total state's, whatever its reducer).
function requireMetersWithinCounted(result: AggregateUsageResult, path: ReadonlyArray<PropertyKey>): void {
  result.meters.forEach((meter, index) => {
    if (meter.events > result.eventsCounted)
      throw InputError.from(
        aggregatesMessages.aggregatesMeterOverCounted(meter.meter.id, meter.events, result.eventsCounted),
        toJsonPath([...path, "meters", index, "total"]),
      );
  });
}

/** Two shards' states merged: the states of all their events aggregated at once. */
export function mergeUsageStates(
  a: unknown,
  b: unknown,
  options: AggregateUsageOptions,
  paths: readonly [ReadonlyArray<PropertyKey>, ReadonlyArray<PropertyKey>],
): UsageStates {
  const copies = copyReport(options);
  const pass = new EventPass(options, copies.excluded, {});
  const eventsRead = restoreInto(pass, copies, a, paths[0]) + restoreInto(pass, copies, b, paths[1]);
  return statesOf(pass, eventsRead, copies);
}

function statesOf(pass: EventPass, eventsRead: number, copies: CopyReport): UsageStates {
  const reused = copies.reusedIds;
  return {
    eventsRead,
    eventsCounted: pass.counted,
    excluded: pass.excluded.toList(),
    ...(reused.count > 0
      ? { idsReusedByOtherCustomers: { ids: reused.count, sampleIds: reused.sample() } }
      : {}),
    meters: pass.statesJson(),
  };
}

// Reads states into the pass (its meters' accumulators, its exclusions, the ids shared with other
// customers). Returns how many events the states read.
function restoreInto(
  pass: EventPass,
  copies: CopyReport,
  states: unknown,
  path: ReadonlyArray<PropertyKey>,
): number {
  const envelope = readStatesEnvelope(states) ?? parseAt(usageStatesSchema, states, path);
  checkAccount(envelope, path);
  const accumulators = pass.accumulators();
  if (envelope.meters.length !== accumulators.length)
    throw InputError.from(
      aggregatesMessages.aggregatesForOtherRating(
        "a contract with",
        meterCount(envelope.meters.length),
        meterCount(accumulators.length),
      ),
      toJsonPath([...path, "meters"]),
    );
  accumulators.forEach((accumulator, index) => {
    // Made only for an error (one list per meter and invoice otherwise: issue 14).
    const meterPath = () => [...path, "meters", index];
    // The meter named first: another meter's states would otherwise fail as a state of the wrong shape.
    const named = (envelope.meters[index] as { meter?: unknown } | null)?.meter;
    if (typeof named === "string" && named !== accumulator.meter.id)
      throw InputError.from(
        aggregatesMessages.aggregatesForOtherRating(
          `meter ${index + 1}`,
          `"${named}"`,
          `"${accumulator.meter.id}" (the contract's meters, in its order)`,
        ),
        toJsonPath([...meterPath(), "meter"]),
      );
    const parsed =
      accumulator.readStates(envelope.meters[index]) ??
      parseAt(accumulator.statesSchema(), envelope.meters[index], meterPath());
    checkGroupStates(accumulator.meter.id, parsed, accumulator.requestedGroupings(), meterPath);
    const unknown = accumulator.absorb(parsed);
    if (unknown !== undefined)
      throw InputError.from(
        aggregatesMessages.aggregatesUnknownGrouping(accumulator.meter.id, unknown),
        toJsonPath([...meterPath(), "groups"]),
      );
  });
  pass.addCounted(envelope.eventsCounted);
  pass.excluded.absorb(envelope.excluded);
  const reused = envelope.idsReusedByOtherCustomers;
  if (reused !== undefined) copies.reusedIds.absorb(reused.ids, reused.sampleIds);
  return envelope.eventsRead;
}

type StatesEnvelope = z.infer<typeof usageStatesSchema>;

// The account of the events, which no schema sees: every event read is counted or left out with a
// reason, and an exclusion samples some of its own events' ids. Aggregates written by hand (or by a
// warehouse query) that break it would issue an invoice whose usage report contradicts itself.
function checkAccount(envelope: StatesEnvelope, path: ReadonlyArray<PropertyKey>): void {
  let excluded = 0;
  envelope.excluded.forEach((exclusion, index) => {
    excluded += exclusion.events;
    if (exclusion.sampleIds.length > exclusion.events)
      throw InputError.from(
        aggregatesMessages.aggregatesTooManySamples(exclusion.sampleIds.length, exclusion.events),
        toJsonPath([...path, "excluded", index, "sampleIds"]),
      );
  });
  if (envelope.eventsRead !== envelope.eventsCounted + excluded)
    throw InputError.from(
      aggregatesMessages.aggregatesAccountBroken(envelope.eventsRead, envelope.eventsCounted, excluded),
      toJsonPath([...path, "eventsRead"]),
    );
}

const ENVELOPE_KEYS: ReadonlySet<string> = new Set([
  "eventsRead",
  "eventsCounted",
  "excluded",
  "idsReusedByOtherCustomers",
  "meters",
]);
const EXCLUSION_KEYS: ReadonlySet<string> = new Set(["reason", "events", "sampleIds"]);
const REUSED_KEYS: ReadonlySet<string> = new Set(["ids", "sampleIds"]);
const REASONS: ReadonlySet<unknown> = new Set(EXCLUSION_REASONS);

// The envelope of a set of states checked by hand (zod's parse was most of reading aggregates back,
// issue 14): undefined unless `usageStatesSchema` would accept it as it is, which then says what is wrong.
function readStatesEnvelope(states: unknown): StatesEnvelope | undefined {
  const record = plainRecord(states, ENVELOPE_KEYS);
  if (
    record === undefined ||
    !isCount(record.eventsRead) ||
    !isCount(record.eventsCounted) ||
    !Array.isArray(record.meters) ||
    !Array.isArray(record.excluded)
  )
    return undefined;
  for (const entry of record.excluded) {
    const exclusion = plainRecord(entry, EXCLUSION_KEYS);
    if (exclusion === undefined || !REASONS.has(exclusion.reason) || !isCount(exclusion.events))
      return undefined;
    if (!isSample(exclusion.sampleIds)) return undefined;
  }
  const reused = record.idsReusedByOtherCustomers;
  if (reused !== undefined) {
    const ids = plainRecord(reused, REUSED_KEYS);
    if (ids === undefined || !isCount(ids.ids) || !isSample(ids.sampleIds)) return undefined;
  }
  return record as StatesEnvelope;
}

// What `sampleSchema` accepts: at most five ids, each a string. `Array.from` because `every` skips the
// holes of a sparse array ([ "a", , "b" ]), which the schema reads as missing ids.
function isSample(value: unknown): boolean {
  return Array.isArray(value) && value.length <= 5 && Array.from(value).every((id) => typeof id === "string");
}

function parseAt<T>(schema: z.ZodMiniType<T>, input: unknown, path: ReadonlyArray<PropertyKey>): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw toInputError("input", toProblems(parsed.error.issues, input, path, schema));
}

// "1 meter", "2 meters": the count in a sentence a specialist reads.
function meterCount(count: number): string {
  return `${count} meter${count === 1 ? "" : "s"}`;
}
