import type { UsageEvent } from "../schema/index.js";
import { canonicalPayload } from "./canonicalPayload.js";
import { eventIdOf } from "./eventIdOf.js";
import type { ExclusionTally } from "./exclusionTally.js";
import type { HashSet } from "./hashSet.js";
import { idHash } from "./idHash.js";
import type { IdSample } from "./idSample.js";
import { repeatedHashes } from "./repeatedHashes.js";

/** Whose events are deduplicated, and where deduplication reports what it found. */
export interface CopyReport {
  /** The contract's customer: only its events are deduplicated against each other. */
  readonly customer: string;
  readonly excluded: ExclusionTally;
  /** The customer's ids that another customer's events use too. */
  readonly reusedIds: IdSample;
}

interface Copies {
  first?: UsageEvent;
  payload?: string;
  copies: number;
  conflict: boolean;
  readonly others: UsageEvent[];
}

/**
 * Groups the customer's copies by id: identical copies keep one (the others are recorded as
 * `duplicate_id`); an id sent with differing payloads is excluded entirely (`conflicting_duplicate`),
 * whatever the order of the copies. Another customer's events are never copies of the customer's:
 * they all go on (to be excluded as `other_customer`), and an id the customer shares with them is
 * reported in `reusedIds`. Returns the events that go on. Payloads are compared only when an id repeats.
 */
export function resolveCopies(events: Iterable<UsageEvent>, report: CopyReport): UsageEvent[] {
  const byId = new Map<string, Copies>();
  for (const event of events) {
    let seen = byId.get(event.id);
    if (seen === undefined) {
      seen = { copies: 0, conflict: false, others: [] };
      byId.set(event.id, seen);
    }
    if (event.customer !== report.customer) seen.others.push(event);
    else if (seen.first === undefined) {
      seen.first = event;
      seen.copies = 1;
    } else {
      seen.copies += 1;
      seen.payload ??= canonicalPayload(seen.first);
      if (!seen.conflict && canonicalPayload(event) !== seen.payload) seen.conflict = true;
    }
  }
  const unique: UsageEvent[] = [];
  for (const [id, entry] of byId) {
    unique.push(...entry.others);
    if (entry.first === undefined) continue;
    if (entry.others.length > 0) report.reusedIds.add(id);
    if (entry.conflict) {
      report.excluded.record("conflicting_duplicate", id, entry.copies);
      continue;
    }
    if (entry.copies > 1) report.excluded.record("duplicate_id", id, entry.copies - 1);
    unique.push(entry.first);
  }
  return unique;
}

/**
 * Deduplicates events held in memory: a 32-bit hash per id finds the ids that may repeat; every event
 * whose hash is unique goes straight to `accept`, and the few others are resolved exactly with
 * {@link resolveCopies}. Returns how many events were read.
 */
export function deduplicateInto(
  events: ReadonlyArray<UsageEvent>,
  report: CopyReport,
  accept: (event: UsageEvent) => void,
): number {
  const hashes = new Uint32Array(events.length);
  for (let i = 0; i < events.length; i += 1) hashes[i] = idHash(eventIdOf(events[i]!, i));
  const suspects: UsageEvent[] = [];
  let from = 0;
  // The events between two suspects go on in a plain loop, as without deduplication: with a look-up
  // per event in the loop that feeds the meters, that loop took 89-106 ms of CPU at 1,000,000 events
  // against 71-72 (issue 14; likely the look-up not inlined there, its uint32 hash boxed to be passed).
  for (const index of suspectIndices(hashes, repeatedHashes([hashes]))) {
    for (let i = from; i < index; i += 1) accept(events[i]!);
    suspects.push(events[index]!);
    from = index + 1;
  }
  for (let i = from; i < events.length; i += 1) accept(events[i]!);
  for (const event of resolveCopies(suspects, report)) accept(event);
  return events.length;
}

/**
 * Where the hashes that repeat are, in ascending order: a short list, usually (the real copies and the
 * rare collision).
 */
export function suspectIndices(hashes: Uint32Array, repeated: HashSet): number[] {
  const indices: number[] = [];
  if (repeated.size === 0) return indices;
  for (let i = 0; i < hashes.length; i += 1) if (repeated.has(hashes[i]!)) indices.push(i);
  return indices;
}
