import type { UsageEvent } from "../schema/index.js";
import { canonicalPayload } from "./canonicalPayload.js";
import { ExclusionTally } from "./exclusionTally.js";

/**
 * Groups copies by id: identical copies keep one (the others are recorded as `duplicate_id`); an id
 * sent with differing payloads is excluded entirely (`conflicting_duplicate`), whatever the order of
 * the copies. Returns the events that go on, one per id.
 */
export function resolveCopies(events: Iterable<UsageEvent>, excluded: ExclusionTally): UsageEvent[] {
  const byId = new Map<string, { first: UsageEvent; payload: string; copies: number; conflict: boolean }>();
  for (const event of events) {
    const seen = byId.get(event.id);
    if (seen === undefined) {
      byId.set(event.id, { first: event, payload: canonicalPayload(event), copies: 1, conflict: false });
      continue;
    }
    seen.copies += 1;
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

/** {@link resolveCopies} over all events in memory, counting them as it goes. */
export function deduplicate(events: Iterable<UsageEvent>) {
  let eventsRead = 0;
  const counted = (function* () {
    for (const event of events) {
      eventsRead += 1;
      yield event;
    }
  })();
  const excluded = new ExclusionTally();
  const unique = resolveCopies(counted, excluded);
  return { unique, eventsRead, excluded };
}
