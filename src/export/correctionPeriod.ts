import { exportMessages, InputError } from "../errors/index.js";
import type { Invoice } from "../invoice/index.js";
import { parseInstant } from "../time/index.js";
import type { FocusPeriod } from "./chargePeriod.js";
import { toFocusDateTime } from "./focusDateTime.js";
import type { FocusOptions } from "./focusOptions.js";

/**
 * Where a credit note's rows are booked: the billing period and the ChargeClass (chargeclass.md:
 * "MUST be null when the row does not represent a correction or when it represents a correction within
 * the current billing period", "MUST NOT be null when the row represents a correction to a previously
 * invoiced billing period"). A progressive invoice is issued while its period is still open, so a note
 * of it issued before the period closes corrects the current billing period: given that period as
 * `correctionPeriod`, its rows are booked in it with ChargeClass null. Any other note (of an invoice
 * issued once its period ended, or issued after the close) is a "Correction" in a later billing period.
 *
 * @throws InputError `missing_field` (no `correctionPeriod`), `invalid_period`
 */
export function noteBooking(
  documentId: string,
  invoice: Invoice,
  period: FocusOptions["correctionPeriod"],
): { readonly billingPeriod: FocusPeriod; readonly chargeClass: "Correction" | null } {
  if (invoice.progressive?.stage === "progressive" && period !== undefined) {
    const own = {
      start: toFocusDateTime(invoice.period.start, "invoice.period.start"),
      end: toFocusDateTime(invoice.period.end, "invoice.period.end"),
    };
    const start = toFocusDateTime(period.start, "correctionPeriod.start");
    const end = toFocusDateTime(period.end, "correctionPeriod.end");
    if (start === own.start && end === own.end) return { billingPeriod: own, chargeClass: null };
    if (parseInstant(period.start) < parseInstant(invoice.period.end)) {
      const path = "correctionPeriod.start";
      throw InputError.from(
        exportMessages.focusCorrectionPeriodInsideProgressive(path, start, invoice.id, own),
        path,
      );
    }
  }
  return { billingPeriod: correctionPeriod(documentId, invoice, period), chargeClass: "Correction" };
}

/**
 * The billing period a correction is booked in (`correctionPeriod`), checked: present, not empty, and
 * starting once the corrected invoice's period has ended.
 */
export function correctionPeriod(
  documentId: string,
  invoice: Invoice,
  period: FocusOptions["correctionPeriod"],
): { readonly start: string; readonly end: string } {
  if (period === undefined) {
    const path = "correctionPeriod";
    throw InputError.from(exportMessages.focusCorrectionPeriodMissing(path, documentId), path);
  }
  const start = toFocusDateTime(period.start, "correctionPeriod.start");
  const end = toFocusDateTime(period.end, "correctionPeriod.end");
  if (parseInstant(period.end) <= parseInstant(period.start)) {
    const path = "correctionPeriod.end";
    throw InputError.from(exportMessages.focusPeriodEmpty(path, start, end), path);
  }
  if (parseInstant(period.start) < parseInstant(invoice.period.end)) {
    const correctedEnd = toFocusDateTime(invoice.period.end, "invoice.period.end");
    const path = "correctionPeriod.start";
    throw InputError.from(exportMessages.focusCorrectionPeriodTooEarly(path, start, correctedEnd), path);
  }
  return { start, end };
}
