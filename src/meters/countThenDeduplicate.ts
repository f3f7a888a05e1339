import { EXCLUSION_REASONS, type UsageEvent } from "../schema/index.js";
import { type CopyReport, resolveCopies, suspectIndices } from "./deduplicate.js";
import { eventIdOf } from "./eventIdOf.js";
import type { EventPass } from "./eventPass.js";
import { pairHash } from "./pairHash.js";
import { repeatedHashesFiltered } from "./repeatedHashesFiltered.js";

/**
 * Deduplicates and aggregates events held in memory, reading each event once (only when
 * `pass.canUncount`): every event is hashed and counted in one loop, as if no id repeated; the hashes
 * that repeat are found afterwards (repeatedHashesFiltered.ts), and only the events carrying them — the real
 * copies, and the rare collision — are taken back and resolved exactly with {@link resolveCopies}.
 * The result is {@link deduplicateInto}'s, event for event: sums and counts take an event back exactly,
 * and so do the exclusions (a copy is recorded once, as a copy).
 * Reading each event's id in a loop of its own, before the loop that feeds the meters, cost 15–30 ms
 * of the 150 of 1,000,000 events (issue 14, docs/scale-measurements.md).
 */
export function countThenDeduplicate(
  events: ReadonlyArray<UsageEvent>,
  pass: EventPass,
  report: CopyReport,
): void {
  const hashes = new Uint32Array(events.length);
  // Excluded events are recorded at once (their ids just read for the hash: comparing them with the
  // samples then cost half what it did afterwards), and listed by index with their reasons, so that a
  // sample a suspect was part of can be made again without it.
  const excludedAt = new Int32Array(events.length);
  const reasons = new Uint8Array(events.length);
  let excluded = 0;
  for (let i = 0; i < events.length; i += 1) {
    const event = events[i]!;
    const id = eventIdOf(event, i);
    hashes[i] = pairHash(id);
    const reason = pass.count(event);
    if (reason !== undefined) {
      pass.excluded.record(reason, id);
      excludedAt[excluded] = i;
      reasons[excluded] = EXCLUSION_REASONS.indexOf(reason);
      excluded += 1;
    }
  }
  const suspects = suspectIndices(hashes, repeatedHashesFiltered(hashes));
  // Both lists ascend: one walk takes back every suspect's exclusion.
  const remade = new Set<number>();
  let k = 0;
  for (const at of suspects) {
    while (k < excluded && excludedAt[k]! < at) k += 1;
    if (k === excluded || excludedAt[k] !== at) continue;
    if (!pass.excluded.takeBack(EXCLUSION_REASONS[reasons[k]!]!, events[at]!.id)) remade.add(reasons[k]!);
  }
  for (const code of remade)
    remakeSample(code, events, excludedAt.subarray(0, excluded), reasons, suspects, pass);
  const copies: UsageEvent[] = [];
  for (const at of suspects) {
    const event = events[at]!;
    pass.uncount(event);
    copies.push(event);
  }
  for (const event of resolveCopies(copies, report)) pass.accept(event);
}

// A reason's sample made again from its events but the suspects (one of which was in it): the rare
// case, a copy's id among the five smallest of its reason.
function remakeSample(
  code: number,
  events: ReadonlyArray<UsageEvent>,
  excludedAt: Int32Array,
  reasons: Uint8Array,
  suspects: ReadonlyArray<number>,
  pass: EventPass,
): void {
  const reason = EXCLUSION_REASONS[code]!;
  const suspected = new Set(suspects);
  const ids: string[] = [];
  for (let k = 0; k < excludedAt.length; k += 1)
    if (reasons[k] === code && !suspected.has(excludedAt[k]!)) ids.push(events[excludedAt[k]!]!.id);
  pass.excluded.remake(reason, ids);
}
