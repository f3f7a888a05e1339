import type { ErrorMessage } from "./message.js";

// The sentences of src/export: invoices and credit notes written as FOCUS cost-and-usage rows.

/** A preview (`ratecard preview`, `previewInvoice`) given to export: it billed nothing. */
export function focusPreviewNotBilled(invoiceId: string, asOf: string): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `Invoice ${invoiceId} is a preview as of ${asOf}, not an issued invoice: nothing on it was billed, so it has no cost rows (its rows would count as billed cost, under the id the period's invoice will have). Export the invoice issued when the period closed.`,
  };
}

/** A credit note exported without the invoice it corrects, or with another invoice. */
export function focusCorrectedInvoiceMissing(noteId: string, invoiceId: string): ErrorMessage {
  return {
    code: "credit_note_mismatch",
    message: `Credit note ${noteId} corrects invoice ${invoiceId}; give that invoice too, so each correction row names the charge, its category and its charge period.`,
  };
}

/** A credit note exported with another version of the invoice it corrects (digests differ). */
export function focusCorrectedInvoiceVersion(noteId: string, invoiceId: string): ErrorMessage {
  return {
    code: "credit_note_mismatch",
    message: `Credit note ${noteId} was issued against another version of invoice ${invoiceId} than the one given (their digests differ).`,
  };
}

/** A credit note line whose corrected line is not on the invoice; `path` is the note's `corrects`. */
export function focusCorrectedLineMissing(path: string, line: string, invoiceId: string): ErrorMessage {
  return {
    code: "unknown_line",
    message: `${path} is line ${line}, which invoice ${invoiceId} does not have.`,
  };
}

/**
 * A correction (credit note, late usage) exported without the billing period it is booked in; `path`
 * is the option's (`correctionPeriod`).
 */
export function focusCorrectionPeriodMissing(path: string, documentId: string): ErrorMessage {
  return {
    code: "missing_field",
    message: `${path} is required: correction ${documentId} is booked in the billing period it is issued in, as FOCUS books a correction in the period it is made, not the one it corrects.`,
  };
}

/** A correction period that starts before the corrected invoice's period ends; `path` is its start's. */
export function focusCorrectionPeriodTooEarly(
  path: string,
  start: string,
  correctedEnd: string,
): ErrorMessage {
  return {
    code: "invalid_period",
    message: `${path} ${start} is before the corrected invoice's period ends (${correctedEnd}); a correction is booked in a later billing period.`,
  };
}

/**
 * A correction period that starts inside the period of a progressive invoice without being that period;
 * `path` is its start's. The note is booked in the invoice's own billing period (still open when the
 * invoice was issued) or in one after it.
 */
export function focusCorrectionPeriodInsideProgressive(
  path: string,
  start: string,
  invoiceId: string,
  period: { readonly start: string; readonly end: string },
): ErrorMessage {
  return {
    code: "invalid_period",
    message: `${path} ${start} is inside the billing period of progressive invoice ${invoiceId} (${period.start} to ${period.end}) without being it; a note of it issued before that period closed is booked in it (give ${period.start}/${period.end}), and one issued later in a later billing period.`,
  };
}

/** A period whose end is not after its start; `path` is its end's. */
export function focusPeriodEmpty(path: string, start: string, end: string): ErrorMessage {
  return {
    code: "invalid_period",
    message: `${path} ${end} is not after its start ${start}.`,
  };
}

/** A document in a currency that is not an ISO 4217 code (a custom unit such as points). */
export function focusCurrencyNotIso(path: string, code: string): ErrorMessage {
  return {
    code: "unknown_currency",
    message: `${path} is ${code}, which is not an ISO 4217 currency; FOCUS's BillingCurrency must be one, so a document billed in a custom unit cannot be exported.`,
  };
}

/** A late-usage correction exported without the issued invoice it corrects, or with another one. */
export function focusLateUsageInvoiceMissing(invoiceId: string): ErrorMessage {
  return {
    code: "missing_field",
    message: `This late-usage correction corrects invoice ${invoiceId}; give that invoice as issued too, so its changed rows can be reversed.`,
  };
}

/**
 * A late-usage correction that counted credit notes of units (`unitsCredited`), exported without them
 * (or with another version): its rows reverse what the invoice and those notes booked.
 */
export function focusLateUsageNotesMissing(invoiceId: string, noteIds: string): ErrorMessage {
  return {
    code: "missing_field",
    message: `This late-usage correction of invoice ${invoiceId} counted credit note ${noteIds}, which took units off the invoice; give that note as issued too (on the command line, its file among the others), so what it credited is reversed with the invoice's rows and not billed again.`,
  };
}
