import { EXCLUSION_REASONS, type UsageEvent } from "../schema/index.js";
import { type CopyReport, resolveCopies, suspectIndices } from "./deduplicate.js";
import type { EventPass } from "./eventPass.js";
import { pairHash } from "./pairHash.js";
import { repeatedHashesFiltered } from "./repeatedHashesFiltered.js";

/**
 * Deduplicates and aggregates events held in memory, reading each event once (only when
 * `pass.canUncount`): every event is hashed and counted in one loop, as if no id repeated; the hashes
 * that repeat are found afterwards (repeatedHashes.ts), and only the events carrying them — the real
 * copies, and the rare collision — are taken back and resolved exactly with {@link resolveCopies}.
 * The result is {@link deduplicateInto}'s, event for event: sums and counts take an event back exactly,
 * and exclusions are recorded only once the suspects are known (a copy is recorded once, as a copy).
 * Reading each event's id in a loop of its own, before the loop that feeds the meters, cost 15–30 ms
 * of the 150 of 1,000,000 events (issue 14, docs/scale.md).
 */
export function countThenDeduplicate(
  events: ReadonlyArray<UsageEvent>,
  pass: EventPass,
  report: CopyReport,
): void {
  const hashes = new Uint32Array(events.length);
  // Excluded events by index, with their reasons: recorded once the suspects are known. Typed arrays
  // of the events' length: pushing to growing lists was 10 ms of 1,000,000 events (a quarter excluded).
  const excludedAt = new Int32Array(events.length);
  const reasons = new Uint8Array(events.length);
  let excluded = 0;
  for (let i = 0; i < events.length; i += 1) {
    const event = events[i]!;
    hashes[i] = pairHash(event.id);
    const reason = pass.count(event);
    if (reason !== undefined) {
      excludedAt[excluded] = i;
      reasons[excluded] = EXCLUSION_REASONS.indexOf(reason);
      excluded += 1;
    }
  }
  const suspects = suspectIndices(hashes, repeatedHashesFiltered(hashes));
  // Both lists ascend: one walk records every exclusion but a suspect's.
  let next = 0;
  for (let k = 0; k < excluded; k += 1) {
    const at = excludedAt[k]!;
    while (next < suspects.length && suspects[next]! < at) next += 1;
    if (suspects[next] !== at) pass.excluded.record(EXCLUSION_REASONS[reasons[k]!]!, events[at]!.id);
  }
  const copies: UsageEvent[] = [];
  for (const at of suspects) {
    const event = events[at]!;
    pass.uncount(event);
    copies.push(event);
  }
  for (const event of resolveCopies(copies, report)) pass.accept(event);
}
