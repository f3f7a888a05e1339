import type { ExclusionReason, MeterTerms, UsageEvent } from "../schema/index.js";

/**
 * Told of each event's fate during aggregation, so a report of the evidence (which events made a line,
 * which were left out and why) comes from the very pass that rating runs, never from a second one.
 * Rating passes none; the pass then costs one check per event.
 */
export interface EventObserver {
  /** An event was counted, by these meters (at least one). */
  counted(event: UsageEvent, meters: ReadonlyArray<MeterTerms>): void;
  /**
   * `events` events with this id were excluded for `reason`. Deduplication reports an id's extra copies
   * (`duplicate_id`) or all its copies (`conflicting_duplicate`) before it passes the kept copy on.
   */
  excluded(reason: ExclusionReason, id: string, events: number): void;
}
