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
