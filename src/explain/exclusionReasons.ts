import type { ExclusionReason } from "../schema/index.js";

/** Why events were left out, in words, one per reason of the usage report (docs/invoice-format.md). */
export const EXCLUSION_REASON_WORDS: Readonly<Record<ExclusionReason, string>> = {
  duplicate_id: "repeats of an event id with the same payload (one copy is kept)",
  conflicting_duplicate: "conflicting duplicate: an id sent with different payloads, every copy left out",
  other_customer: "another customer's usage",
  unknown_event_type: "an event type that no meter measures",
  outside_period: "outside the invoice period",
  after_as_of: "at or after the preview's as-of instant (not billed yet)",
  filtered_out: "matched no meter's filters",
  // Out of bounds too (docs/invoice-format.md): "non-numeric" alone misled a reader of a 39-digit value.
  invalid_value:
    "a value a meter cannot read: missing, not a number, or beyond a quantity's bounds (10^15 in size, 9 decimals)",
};
