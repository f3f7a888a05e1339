import type { Invoice } from "../invoice/index.js";
import type { ExclusionReason } from "../schema/index.js";

/**
 * Why events were left out, in words, one per reason of the usage report (docs/invoice-format.md).
 * `after_as_of` here is the preview's; {@link exclusionWords} names a progressive invoice's own cut-off.
 */
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

/**
 * The words for one reason on this invoice. A progressive invoice cuts its usage off too, but it is
 * not a preview: its `after_as_of` events are the ones at or after its own cut-off, named with its
 * instant and, when a spend threshold chose it, how (the end of the second the threshold was reached).
 */
export function exclusionWords(reason: ExclusionReason, invoice: Pick<Invoice, "progressive">): string {
  const { progressive } = invoice;
  if (reason !== "after_as_of" || progressive === undefined) return EXCLUSION_REASON_WORDS[reason];
  const how =
    progressive.trigger === undefined
      ? ""
      : ": the end of the second in which the spend so far reached the threshold";
  return `at or after ${progressive.asOf}, this progressive invoice's cut-off${how} (billed by a later invoice of the period)`;
}
