import type { ExclusionReason, UsageReport } from "../schema/index.js";

/** How many of the late events one reason left out of the re-rating. */
export interface LateEventsNotCounted {
  readonly reason: ExclusionReason;
  readonly events: number;
}

/**
 * The late events the re-rating left out, by reason: each reason's count with the late events, less
 * its count without them, in the usage report's order. Every event is counted or left out for exactly
 * one reason, so these add up to the late events given less those counted.
 */
export function lateEventsNotCounted(
  before: UsageReport,
  after: UsageReport,
): ReadonlyArray<LateEventsNotCounted> {
  const earlier = new Map(before.excluded.map((entry) => [entry.reason, entry.events]));
  return after.excluded.flatMap((entry) => {
    const events = entry.events - (earlier.get(entry.reason) ?? 0);
    return events > 0 ? [{ reason: entry.reason, events }] : [];
  });
}
