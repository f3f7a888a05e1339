import { EXCLUSION_REASONS, type ExclusionReason } from "../schema/index.js";
import type { EventObserver } from "./eventObserver.js";
import { IdSample } from "./idSample.js";

/** Events excluded for one reason. */
export interface Exclusion {
  readonly reason: ExclusionReason;
  readonly events: number;
  /** Up to five ids, the smallest first: independent of event order. */
  readonly sampleIds: ReadonlyArray<string>;
}

/** Counts excluded events per reason, keeping the five smallest ids of each as samples. */
export class ExclusionTally {
  private readonly counts = new Map<ExclusionReason, IdSample>();
  private readonly observer: EventObserver | undefined;

  /** `observer` is told of every exclusion as it is recorded (usage evidence lists them all). */
  constructor(observer?: EventObserver) {
    this.observer = observer;
  }

  record(reason: ExclusionReason, id: string, events = 1): void {
    this.observer?.excluded(reason, id, events);
    let entry = this.counts.get(reason);
    if (entry === undefined) {
      entry = new IdSample();
      this.counts.set(reason, entry);
    }
    entry.add(id, events);
  }

  /**
   * Takes back one exclusion of `id` for `reason` (recorded before the event was known to be a copy):
   * false when the id is in the reason's sample, which must then be made again ({@link remake}).
   */
  takeBack(reason: ExclusionReason, id: string): boolean {
    const entry = this.counts.get(reason)!;
    const kept = entry.takeBack(id);
    // No event left for the reason: it is not reported at all, as if never recorded.
    if (entry.count > 0) return kept;
    this.counts.delete(reason);
    return true;
  }

  /** Makes `reason`'s sample again from these ids (its count stays; a reason taken back whole stays gone). */
  remake(reason: ExclusionReason, ids: ReadonlyArray<string>): void {
    const entry = this.counts.get(reason);
    if (entry === undefined) return;
    const remade = new IdSample();
    for (const id of ids) remade.add(id, 0);
    entry.replaceSample(remade);
  }

  /** Adds exclusions counted elsewhere (a shard's, read back from usage aggregates). */
  absorb(exclusions: ReadonlyArray<Exclusion>): void {
    for (const { reason, events, sampleIds } of exclusions) {
      let entry = this.counts.get(reason);
      if (entry === undefined) {
        entry = new IdSample();
        this.counts.set(reason, entry);
      }
      entry.absorb(events, sampleIds);
    }
  }

  /** The exclusions with at least one event, in the documented reason order. */
  toList(): Exclusion[] {
    // A plain loop, and none at all when nothing was excluded (most invoices): flatMap made a list per
    // reason, a dozen per usage result (issue 14).
    const list: Exclusion[] = [];
    if (this.counts.size === 0) return list;
    for (const reason of EXCLUSION_REASONS) {
      const entry = this.counts.get(reason);
      if (entry !== undefined) list.push({ reason, events: entry.count, sampleIds: entry.sample() });
    }
    return list;
  }
}
