/**
 * Why an event did not count, in the order the checks run (docs/invoice-format.md). Each event gets
 * exactly one outcome, so `eventsRead = eventsCounted + Σ excluded`.
 */
export const EXCLUSION_REASONS = [
  "duplicate_id",
  "conflicting_duplicate",
  "other_customer",
  "unknown_event_type",
  "outside_period",
  "filtered_out",
  "invalid_value",
] as const;

export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];
