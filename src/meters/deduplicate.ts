import type { UsageEvent } from "../schema/index.js";
import { canonicalPayload } from "./canonicalPayload.js";
import type { ExclusionTally } from "./exclusionTally.js";
import { idHash, repeatedHashes } from "./idHash.js";

/**
 * Groups copies by id: identical copies keep one (the others are recorded as `duplicate_id`); an id
 * sent with differing payloads is excluded entirely (`conflicting_duplicate`), whatever the order of
 * the copies. Returns the events that go on, one per id. Payloads are compared only when an id repeats.
 */
export function resolveCopies(events: Iterable<UsageEvent>, excluded: ExclusionTally): UsageEvent[] {
  const byId = new Map<string, { first: UsageEvent; payload?: string; copies: number; conflict: boolean }>();
  for (const event of events) {
    const seen = byId.get(event.id);
    if (seen === undefined) {
      byId.set(event.id, { first: event, copies: 1, conflict: false });
      continue;
    }
    seen.copies += 1;
    seen.payload ??= canonicalPayload(seen.first);
    if (!seen.conflict && canonicalPayload(event) !== seen.payload) seen.conflict = true;
  }
  const unique: UsageEvent[] = [];
  for (const [id, entry] of byId) {
    if (entry.conflict) {
      excluded.record("conflicting_duplicate", id, entry.copies);
      continue;
    }
    if (entry.copies > 1) excluded.record("duplicate_id", id, entry.copies - 1);
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
  excluded: ExclusionTally,
  accept: (event: UsageEvent) => void,
): number {
  const hashes = new Uint32Array(events.length);
  for (let i = 0; i < events.length; i += 1) hashes[i] = idHash(events[i]!.id);
  const repeated = repeatedHashes([hashes]);
  const suspects: UsageEvent[] = [];
  for (let i = 0; i < events.length; i += 1) {
    const event = events[i]!;
    if (repeated.size > 0 && repeated.has(hashes[i]!)) suspects.push(event);
    else accept(event);
  }
  for (const event of resolveCopies(suspects, excluded)) accept(event);
  return events.length;
}
