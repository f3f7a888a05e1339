import { describeValue } from "../describeValue.js";
import type { ErrorMessage } from "./message.js";

// The sentences of the open and closed period tools: previews, late-usage corrections.

/** A preview's as-of instant that is not inside the period previewed (start excluded, end included). */
export function asOfOutsidePeriod(asOf: string, period: string): ErrorMessage {
  return {
    code: "invalid_period",
    message: `The preview's as-of instant ${asOf} must lie after the start of the period ${period} and no later than its end: a preview needs some elapsed time to project from.`,
  };
}

/** A preview given where an issued invoice is needed (a credit note, a correction). */
export function previewNotBilled(invoiceId: string, asOf: string): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `Invoice ${invoiceId} is a preview as of ${asOf}, not an issued invoice: nothing on it was billed, so there is nothing to credit or correct. Use the invoice issued when the period closed.`,
  };
}

/**
 * A progressive or closing invoice given to the late-usage correction, which re-rates a whole-period
 * invoice: it bills the usage so far less what the period's earlier invoices billed, so its usage never
 * reproduces it as one, and the sentence said to pass the usage it was rated with, which was given.
 */
export function progressiveNotCorrected(invoiceId: string, stage: string, asOf: string): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `Invoice ${invoiceId} is a ${stage} invoice of a period billed progressively (as of ${asOf}): it bills the usage so far less what the period's earlier invoices billed, so it is not corrected on its own. Before the close, the next progressive invoice or the closing invoice picks late events up; after it, rate the period with every event and bill the difference from what the period's invoices billed.`,
  };
}

/** The usage said to be an invoice's does not rate to that invoice. */
export function usageDoesNotReproduce(
  invoiceId: string,
  issuedTotal: string,
  recomputedTotal: string,
): ErrorMessage {
  return {
    code: "usage_does_not_reproduce",
    message: `The usage given for invoice ${invoiceId} rates to a total of ${recomputedTotal}, not the ${issuedTotal} issued (or to other lines, another usage report or another contract version): a correction must start from exactly what the invoice was rated from. Pass the usage, carried state and credit balances it was rated with, and the contract as it was then.`,
  };
}

/**
 * The usage said to be an invoice's rates to its lines and total, but its usage report differs (events
 * read, counted or left out): the files are not the one the invoice was rated from, whatever the money.
 */
export function usageReportDiffers(
  invoiceId: string,
  total: string,
  issued: { readonly read: number; readonly counted: number },
  given: { readonly read: number; readonly counted: number },
): ErrorMessage {
  return {
    code: "usage_does_not_reproduce",
    message: `The usage given for invoice ${invoiceId} rates to its lines and its total of ${total}, but not to its usage report: ${given.read} events read and ${given.counted} counted, where the invoice read ${issued.read} and counted ${issued.counted} (events left out, such as those outside the period, are part of it): a correction must start from exactly what the invoice was rated from. Pass the usage file it was rated with.`,
  };
}

/**
 * The usage given rates to fewer units than the invoice billed on some lines and to more on none, and no
 * credit note of units was given: most likely the usage without the units a note took off, given
 * without the note. `lines` names each such line with both quantities.
 */
export function usageBelowIssued(
  invoiceId: string,
  issuedTotal: string,
  recomputedTotal: string,
  lines: string,
): ErrorMessage {
  return {
    code: "usage_does_not_reproduce",
    message: `The usage given for invoice ${invoiceId} rates to a total of ${recomputedTotal}, not the ${issuedTotal} issued, with fewer units than the invoice billed (${lines}). If a credit note took those units off the invoice, give the note with this usage (--previous FILE on the CLI, creditNotes in the options): the correction then starts from the invoice as the note left it. Otherwise pass the usage, carried state and credit balances the invoice was rated with.`,
  };
}

/**
 * A late event whose id is one of the events the invoice was rated from, with another payload: both
 * would become a conflicting duplicate, taking the billed event off the bill.
 */
export function lateEventConflict(id: string, invoiceId: string): ErrorMessage {
  return {
    code: "late_event_conflict",
    message: `Late event ${id} has the id of an event invoice ${invoiceId} was rated from, with other values: counted together they would be a conflicting duplicate and take the billed event off the bill. Late usage adds new events; to correct an event already billed, issue a credit note (ratecard credit-note) or give the late event an id of its own.`,
  };
}

/** A late-usage correction billed in a period that does not come after the corrected one. */
export function correctionNotLater(period: string, billOn: string): ErrorMessage {
  return {
    code: "invalid_period",
    message: `A correction of the period ${period} is billed in a later billing period, not in ${billOn}.`,
  };
}

/** A closed period older than the contract's late-usage look-back window. */
export function correctionOutsideWindow(
  period: string,
  billOn: string,
  periodsBack: number,
  lookBackPeriods: number,
): ErrorMessage {
  return {
    code: "correction_outside_window",
    message: `The period ${period} is ${periodsBack} billing periods before ${billOn}; the contract's lateUsage.lookBackPeriods allows ${lookBackPeriods}. Late usage older than the window is not billed (as Kill Bill ignores raw usage beyond readMaxRawUsagePreviousPeriod); correct it by hand with a credit note or an adjustment if it must be.`,
  };
}

/** A progressive invoice's as-of instant that is not strictly inside its period. */
export function progressiveAsOfOutsidePeriod(asOf: string, period: string): ErrorMessage {
  return {
    code: "invalid_period",
    message: `A progressive invoice's as-of instant ${asOf} must lie after the start of the period ${period} and before its end; at the period's end, issue the closing invoice instead.`,
  };
}

/** An earlier invoice given to a progressive or closing invoice that is not a progressive one. */
export function earlierNotProgressive(invoiceId: string): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `Invoice ${invoiceId} is not a progressive invoice: only the progressive invoices issued earlier in the same period are taken off a progressive or closing invoice.`,
  };
}

/** An earlier progressive invoice of another contract (version) or period. */
export function earlierOtherPeriod(invoiceId: string, itsPeriod: string, period: string): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `Invoice ${invoiceId} bills the period ${itsPeriod} of its contract, not the period ${period} of this contract as it is now: give only the progressive invoices of this period, rated with this contract.`,
  };
}

/** Earlier progressive invoices that are not the sequence 1, 2, … in time order. */
export function earlierOutOfOrder(invoiceId: string, sequence: number, expected: number): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `Invoice ${invoiceId} is progressive invoice ${sequence} of its period, where invoice ${expected} was expected: give every earlier progressive invoice of the period, in their order.`,
  };
}

/** An earlier progressive invoice rated through an instant not before this invoice's own. */
export function earlierNotBefore(invoiceId: string, itsAsOf: string, asOf: string): ErrorMessage {
  return {
    code: "invalid_period",
    message: `Invoice ${invoiceId} rated the usage before ${itsAsOf}, which is not before ${asOf}: a progressive invoice follows the earlier ones of its period in time.`,
  };
}

/** A progressive billing threshold that is not a positive amount. */
export function thresholdNotPositive(threshold: string): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `The progressive billing threshold ${threshold} must be an amount above zero in the contract's currency.`,
  };
}

/** `earlier` that is not a list of the period's progressive invoices. */
export function earlierNotList(value: unknown): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `earlier must be a list of the progressive invoices issued earlier in the period, in their order, not ${describeValue(value)}.`,
  };
}

/** A `trigger` of another shape than billProgressively records, or one given to a closing invoice. */
export function triggerRefused(value: unknown, closing: boolean): ErrorMessage {
  return {
    code: "invalid_argument",
    message: closing
      ? "A closing invoice is issued at the period's end, not by a spend threshold: give trigger to progressive invoices only."
      : `trigger must be { kind: "spend_threshold", threshold, spend } with the amounts as text (as billProgressively records it), not ${describeValue(value)}.`,
  };
}

/** `creditNotes` that is not a list of the credit notes issued against the earlier invoices. */
export function creditNotesNotList(value: unknown): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `creditNotes must be a list of the credit notes issued against the earlier progressive invoices of the period, not ${describeValue(value)}.`,
  };
}

/** A credit note of an invoice that is none of the earlier progressive invoices given. */
export function creditNoteOfNoEarlier(noteId: string, invoiceId: string, earlier: string): ErrorMessage {
  return {
    code: "credit_note_mismatch",
    message: `Credit note ${noteId} credits invoice ${invoiceId}, which is not among the earlier invoices given (${earlier || "none"}): give the credit notes of the earlier progressive invoices of this period only, with those invoices.`,
  };
}

/** A credit note that takes units off a line and also credits amounts: its parts cannot be told apart. */
export function creditNoteMixesUnits(noteId: string): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `Credit note ${noteId} takes units off a line and also credits amounts in the same note, so its tax cannot be split between the units that were wrong (billed again at the close as they are) and the credit given on purpose (kept): issue units and amounts in separate notes.`,
  };
}

/** A credit note that takes units off an invoice that drew credit grants. */
export function creditNoteUnitsWithGrants(noteId: string): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `Credit note ${noteId} takes units off an invoice that drew credit grants and gives part of its credit back to them; a later invoice of the period cannot count such a note yet: leave the wrong units to the later invoices instead, which rate the period's usage without them and take off what was billed.`,
  };
}

/** A credit note given twice to a late-usage correction. */
export function lateNoteRepeated(noteId: string): ErrorMessage {
  return {
    code: "duplicate_id",
    message: `Credit note ${noteId} is given twice among the credit notes of the corrected invoice; what it credited would count twice.`,
  };
}

/** A note given to a next_invoice correction that takes units off and credits amounts at once. */
export function lateNoteMixesUnits(noteId: string): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `Credit note ${noteId} takes units off a line and also credits amounts in the same note, so the correction cannot tell the units that were wrong (left out of the re-rating) from the credit given on purpose (kept): issue units and amounts in separate notes.`,
  };
}

/** A note given to a next_invoice correction that takes units off and gave credit back to grants. */
export function lateNoteUnitsWithGrants(noteId: string): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `Credit note ${noteId} takes units off an invoice that drew credit grants and gives part of its credit back to them; a correction on the next invoice cannot count such a note yet: use the credit_note correction, or credit an amount.`,
  };
}

/**
 * The usage given with a note that took units off still rates to the invoice as issued: re-rated with
 * the late events, it would bill the units the note credited again.
 */
export function usageKeepsUnitsCredited(invoiceId: string, noteIds: string): ErrorMessage {
  return {
    code: "usage_does_not_reproduce",
    message: `The usage given for invoice ${invoiceId} rates to the invoice as issued, but credit note ${noteIds} took units off it: re-rated with the late events it would bill the units credited again. Give the usage without the events found wrong, so that it rates to the invoice as the notes leave it.`,
  };
}

/** The usage given with notes that took units off does not rate to the invoice as they leave it. */
export function usageDoesNotReproduceNoted(
  invoiceId: string,
  billedSubtotal: string,
  recomputedSubtotal: string,
): ErrorMessage {
  return {
    code: "usage_does_not_reproduce",
    message: `The usage given for invoice ${invoiceId} rates to lines of ${recomputedSubtotal}, not the ${billedSubtotal} the invoice billed less the units its credit notes took off (or to other quantities): give the usage the invoice was rated from without the events the notes found wrong, with the carried state and credit balances it was rated with.`,
  };
}
