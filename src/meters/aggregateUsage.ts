import { UsageError, usageChangedWhileRead } from "../errors/index.js";
import type { Decimal } from "../money/index.js";
import type { MeterTerms, UsageEvent } from "../schema/index.js";
import type { Period } from "../time/index.js";
import { checkCarriedState } from "./checkCarriedState.js";
import { countThenDeduplicate } from "./countThenDeduplicate.js";
import { type CopyReport, deduplicateInto, resolveCopies } from "./deduplicate.js";
import { eventIdOf, eventsFromSource } from "./eventIdOf.js";
import type { EventObserver } from "./eventObserver.js";
import { EventPass } from "./eventPass.js";
import type { Exclusion } from "./exclusionTally.js";
import { ExclusionTally } from "./exclusionTally.js";
import type { GroupedQuantities, MeterRequest } from "./groupQuantity.js";
import type { HashSet } from "./hashSet.js";
import { HashList, idHash } from "./idHash.js";
import { IdSample } from "./idSample.js";
import type { CarriedMeterState, Computation, Fractional, WindowQuantity } from "./reducer.js";
import { type Batches, visitEach } from "./visitEach.js";

/** What to aggregate: the contract's meters, for one customer, over one period. */
export interface AggregateUsageOptions {
  readonly meters: ReadonlyArray<MeterTerms>;
  readonly customer: string;
  readonly period: Period;
  /** The whole billing period `period` is part of (GB-month divisors); `period` itself when absent. */
  readonly billingPeriod?: Period;
  /** The contract's zone: local-day windows follow it. Defaults to UTC. */
  readonly timeZone?: string;
  /** Per meter id: property lists to split its events by, and whether to keep each event's value. */
  readonly requests?: ReadonlyMap<string, MeterRequest>;
  /** Per meter id: what the previous period carried out (persistent and weighted meters). */
  readonly carried?: Readonly<Record<string, CarriedMeterState>>;
  /**
   * Deduplicate by event id (default true). False skips it for events whose ids are unique by
   * construction (deduplicated at ingestion, as OpenMeter does): a repeated id would then count twice.
   */
  readonly deduplicate?: boolean;
  /** Also compute each sum and count meter's quantity per local day of the period (for charts). */
  readonly daily?: boolean;
  /** Told of each event counted or excluded (usage evidence); changes no quantity. */
  readonly observer?: EventObserver;
  /**
   * A preview's cut-off (epoch ms): events of the period at or after it are excluded as `after_as_of`
   * (counted in the report, never dropped silently). Absent: the whole period counts.
   */
  readonly asOf?: number;
  /**
   * A progressive invoice's cut-off (epoch ms): a windowed meter lists only the windows that began
   * before it, so window pricing prices the windows so far (no true-up or fee of a window still to
   * come). Absent, as for a preview, which prices the period as if it closed now: every window.
   */
  readonly windowsUntil?: number;
}

/** The quantity of one meter over the period (as a fraction too, when it does not end: MeterOutcome). */
export interface MeterQuantity extends Fractional {
  readonly meter: MeterTerms;
  readonly events: number;
  readonly quantity: Decimal;
  readonly computation?: Computation;
  /** Each counted event's value in event order (timestamp, then id), when requested. */
  readonly values?: ReadonlyArray<Decimal>;
  /** A windowed meter's windows, each with its start and value (window pricing). */
  readonly windows?: ReadonlyArray<WindowQuantity>;
  /** The quantity per local day, when asked for with `daily` (sum and count meters). */
  readonly daily?: ReadonlyArray<{ readonly date: string; readonly quantity: Decimal }>;
  /**
   * The meter carries state between periods (persistent, weighted_sum), none was given for it in
   * `carried`, and its quantity depends on it: it opened from zero (a total of 0, no active values, a
   * level of 0). Not part of the invoice; the invoice warns when the contract started before the period.
   */
  readonly carriedMissing?: true;
}

/** The result of aggregating: every meter's quantity, and an account of every event. */
export interface AggregateUsageResult {
  readonly eventsRead: number;
  readonly eventsCounted: number;
  readonly meters: ReadonlyArray<MeterQuantity>;
  /** One entry per requested grouping, in the order of the meters and their requests. */
  readonly groups: ReadonlyArray<GroupedQuantities>;
  readonly excluded: ReadonlyArray<Exclusion>;
  /** Per meter id, what carries into the next period (only meters that carry something). */
  readonly carryOut: Readonly<Record<string, CarriedMeterState>>;
  /**
   * The customer's event ids that events of other customers use too (present only when there are
   * some). Each customer's events are deduplicated on their own, so this changes no quantity; it is
   * reported because a shared id usually means a producer that does not make its ids unique.
   */
  readonly idsReusedByOtherCustomers?: { readonly ids: number; readonly sampleIds: ReadonlyArray<string> };
}

/**
 * Events to aggregate: any iterable, sync or async, or a function that yields them afresh each call —
 * optionally with an `ids` function yielding just their ids, in the same order, faster (a file reader
 * can skip validating events on the deduplication pass), and with `batches` / `idBatches` yielding the
 * same events / ids in arrays (a file reader's chunk at a time), which are read instead when present:
 * one await per array rather than per event.
 */
export type EventSource =
  | Iterable<UsageEvent>
  | AsyncIterable<UsageEvent>
  | ((() => Iterable<UsageEvent> | AsyncIterable<UsageEvent>) & {
      readonly ids?: () => Iterable<string> | AsyncIterable<string>;
      readonly batches?: Batches<UsageEvent>;
      readonly idBatches?: Batches<string>;
    });

// Aggregating usage, in order (docs/architecture.md, "Aggregating usage"):
//   1. validate: the carried state each meter opens with (checkCarriedState.ts), before any event is
//      counted (before a re-readable source is read at all);
//   2. the customer's events, deduplicated by id over all of them (deduplicate.ts; two streamed passes
//      with 4-byte id hashes for a source that can be read twice, idHash.ts);
//   3. each event classified and fed to the meters that count it (eventPass.ts): other customers,
//      unknown types, outside the period, filtered out or unreadable are excluded with their reason;
//      each meter groups, windows and reduces it (meterAccumulator.ts, compileMeter.ts, windows.ts);
//   4. the report: every meter's quantity and groups, every exclusion, the carried state out.

/**
 * Aggregates usage events into one quantity per meter (and per group, when asked), accounting for
 * every event: each one is either counted or excluded with a reason (docs/invoice-format.md lists
 * the reasons and their order). The customer's events are deduplicated by id over all of them first,
 * so the result never depends on event order; other customers' events are not its copies.
 */
export function aggregateUsage(
  events: Iterable<UsageEvent>,
  options: AggregateUsageOptions,
): AggregateUsageResult {
  // The events are read first (an iterable that parses them fails on the first bad one), then checked.
  const all = Array.isArray(events) ? (events as ReadonlyArray<UsageEvent>) : [...events];
  const carried = checkCarriedState(options.carried, options.meters);
  if (options.deduplicate === false) {
    const pass = new EventPass(options, new ExclusionTally(options.observer), carried);
    all.forEach((event, index) => {
      eventIdOf(event, index);
      pass.accept(event);
    });
    return report(pass, all.length, undefined);
  }
  const copies = copyReport(options);
  const pass = new EventPass(options, copies.excluded, carried);
  if (pass.canUncount) {
    try {
      countThenDeduplicate(all, pass, copies);
      return report(pass, all.length, copies);
    } catch (error) {
      // An event no meter can read (a text timestamp) throws where it is met; which one is met first,
      // or at all (a conflicting copy is never classified), is the two-pass order's: start again below.
      if (!(error instanceof UsageError)) throw error;
    }
    return aggregateDeduplicated(all, options, carried);
  }
  return aggregateDeduplicated(all, options, carried, copies, pass);
}

// The customer's events deduplicated first, then fed to the pass (deduplicate.ts).
function aggregateDeduplicated(
  all: ReadonlyArray<UsageEvent>,
  options: AggregateUsageOptions,
  carried: Readonly<Record<string, CarriedMeterState>>,
  copies = copyReport(options),
  pass = new EventPass(options, copies.excluded, carried),
): AggregateUsageResult {
  const eventsRead = deduplicateInto(all, copies, (event) => pass.accept(event));
  return report(pass, eventsRead, copies);
}

/**
 * {@link aggregateUsage} for streams. Given a function that yields the events afresh (a file read
 * twice), it streams them in two passes and keeps only a 4-byte hash per event for deduplication:
 * the first pass finds the ids that may repeat, the second aggregates every other event at once and
 * resolves those few exactly. Given a single iterable, it keeps the events in memory to deduplicate.
 */
export async function aggregateUsageAsync(
  source: EventSource,
  options: AggregateUsageOptions,
): Promise<AggregateUsageResult> {
  if (typeof source !== "function") {
    // A synchronous iterable (an array) is read during the call, not a tick an event, so a caller
    // reusing it before the promise settles does not change what was counted.
    if (Symbol.iterator in source) return aggregateUsage(source, options);
    const events: UsageEvent[] = [];
    for await (const event of source) events.push(event);
    return aggregateUsage(events, options);
  }
  // Checked first, so a wrong carried state fails before the source is read even once.
  const carried = checkCarriedState(options.carried, options.meters);
  if (options.deduplicate === false) {
    const pass = new EventPass(options, new ExclusionTally(options.observer), carried);
    let eventsRead = 0;
    await visitEach(source.batches, readSource(source), (event) => {
      eventIdOf(event, eventsRead);
      pass.accept(event);
      eventsRead += 1;
    });
    return report(pass, eventsRead, undefined);
  }
  const copies = copyReport(options);
  const pass = new EventPass(options, copies.excluded, carried);
  // What each pass read: how many events, and the sum of their id hashes (order does not matter).
  const first: PassRead = { events: 0, checksum: 0 };
  const second: PassRead = { events: 0, checksum: 0 };
  const repeated = await repeatedIdHashes(source, first);
  const suspects: UsageEvent[] = [];
  await visitEach(source.batches, readSource(source), (event) => {
    const hash = idHash(eventIdOf(event, second.events));
    note(second, hash);
    // An id whose hash is unique cannot repeat: aggregate it as it streams.
    if (repeated.size > 0 && repeated.has(hash)) suspects.push(event);
    else pass.accept(event);
  });
  if (second.events !== first.events || second.checksum !== first.checksum)
    throw sourceChanged(first.events, second.events);
  for (const event of resolveCopies(suspects, copies)) pass.accept(event);
  return report(pass, first.events, copies);
}

// What a pass over the source read: how many events, and the sum of their id hashes.
interface PassRead {
  events: number;
  checksum: number;
}

function note(read: PassRead, hash: number): void {
  read.events += 1;
  read.checksum = (read.checksum + hash) >>> 0;
}

// The first pass: the hashes of the ids that occur more than once. The list of every id's hash (4 bytes
// an event, 40 MB at 10,000,000) lives only in this function, so it is garbage before the second pass
// reads the events (a variable of the caller would keep it until the end: an async function's locals
// live in its context).
async function repeatedIdHashes(source: FunctionSource, first: PassRead): Promise<HashSet> {
  const hashes = new HashList();
  await visitEach(...idPass(source), (id) => {
    const hash = idHash(id);
    hashes.push(hash);
    note(first, hash);
  });
  return hashes.repeated();
}

// Step 4: what the pass measured and excluded, and the ids the customer shares with others.
export function report(
  pass: EventPass,
  eventsRead: number,
  copies: CopyReport | undefined,
): AggregateUsageResult {
  const { meters, carryOut } = pass.totals();
  const result: AggregateUsageResult = {
    eventsRead,
    eventsCounted: pass.counted,
    meters,
    groups: pass.groups(),
    excluded: pass.excluded.toList(),
    carryOut,
  };
  const reused = copies?.reusedIds;
  if (reused === undefined || reused.count === 0) return result;
  return { ...result, idsReusedByOtherCustomers: { ids: reused.count, sampleIds: reused.sample() } };
}

type FunctionSource = Extract<EventSource, (...args: never[]) => unknown>;

// Where the first pass reads ids from, the cheapest first: id batches, ids, event batches, events.
function idPass(
  source: FunctionSource,
): [Batches<string> | undefined, () => Iterable<string> | AsyncIterable<string>] {
  const { ids, idBatches, batches } = source;
  if (idBatches !== undefined || ids !== undefined) return [idBatches, ids ?? (() => [])];
  const fromBatches = batches === undefined ? undefined : () => idBatchesOf(batches());
  return [fromBatches, () => idsOf(eventsFromSource(source()))];
}

// The function source called for a pass, its answer checked to be events to read.
function readSource(source: FunctionSource): () => Iterable<UsageEvent> | AsyncIterable<UsageEvent> {
  return () => eventsFromSource(source());
}

async function* idsOf(events: Iterable<UsageEvent> | AsyncIterable<UsageEvent>): AsyncGenerator<string> {
  let index = 0;
  for await (const event of events) {
    yield eventIdOf(event, index);
    index += 1;
  }
}

async function* idBatchesOf(batches: AsyncIterable<ReadonlyArray<UsageEvent>>): AsyncGenerator<string[]> {
  for await (const batch of batches) yield batch.map((event) => event.id);
}

export function copyReport(options: AggregateUsageOptions): CopyReport {
  return {
    customer: options.customer,
    excluded: new ExclusionTally(options.observer),
    reusedIds: new IdSample(),
  };
}

// A source read twice must give the same events both times: one that changed between the reads
// (a file appended to, a generator with other events) would be counted from neither version.
function sourceChanged(firstEvents: number, secondEvents: number): UsageError {
  return UsageError.from(usageChangedWhileRead(firstEvents, secondEvents), "", {
    firstRead: firstEvents,
    secondRead: secondEvents,
  });
}
