import { exportMessages, InputError, isRecord, requireArgument } from "../errors/index.js";
import type { Invoice } from "../invoice/index.js";
import { isIsoCurrency } from "../money/index.js";
import type { CreditNote } from "../schema/index.js";
import { creditNoteRows } from "./creditNoteRows.js";
import type { FocusRow } from "./focusColumns.js";
import { type FocusOptions, focusNames } from "./focusOptions.js";
import { invoiceRows } from "./invoiceRows.js";

/**
 * An issued invoice or credit note as FOCUS 1.2 cost-and-usage rows (docs/focus-export.md): one row per
 * line, pre-tax credit, tax rate and after-tax credit of an invoice; one row per corrected line and tax
 * rate of a credit note, with ChargeClass "Correction". Every row has every column of
 * {@link FOCUS_COLUMNS}; costs are exact decimal text, date/times UTC to the second. The rows'
 * BilledCost adds up exactly to what the document bills: an invoice's `amountDue` (its `total` when no
 * credit applied after tax), minus a credit note's `total` (what it credits), or minus its
 * `settlement.money` when it gives part back to prepaid credits. Same document and options, same rows.
 *
 * @param document - an invoice or credit note as issued (read it with parseInvoice / parseCreditNote)
 * @param options - the provider's names; for a credit note, the invoice it corrects and the billing
 *   period it is issued in
 * @returns the rows, in the document's order
 * @throws InputError `invalid_argument` at `preview` for a preview (`previewInvoice`: nothing on it was
 *   billed); `missing_field` / `invalid_field` for an option; `credit_note_mismatch`,
 *   `invalid_period`, `unknown_line` for a credit note; `unknown_currency` for a custom currency; `invalid_instant` for a
 *   period boundary that is not an instant
 * @example
 * // a 20.00 flat fee, 120 GB at 0.10 less 10 % (10.80), 20 % VAT (4.00 + 2.16): 36.96 in all
 * focusRows(invoice, { provider: "Acme Cloud" }).map((row) => row.BilledCost) // ["20.00", "10.80", "6.16"]
 */
export function focusRows(document: Invoice | CreditNote, options: FocusOptions): FocusRow[] {
  requireArgument(
    isRecord(document) && isRecord(document.currency) && Array.isArray(document.lines),
    "document",
    document,
    "document",
    "an invoice or a credit note ratecard issued",
    "read one from its JSON with parseInvoice or parseCreditNote",
  );
  requireArgument(
    isRecord(options),
    "options",
    options,
    "options",
    'an object with the provider\'s names, such as { provider: "Acme Cloud" }',
  );
  const names = focusNames(options);
  // A preview billed nothing; its rows would be billed cost under the id of the period's invoice.
  if (!isCreditNote(document) && document.preview !== undefined)
    throw InputError.from(
      exportMessages.focusPreviewNotBilled(document.id, document.preview.asOf),
      "preview",
    );
  // billingcurrency.md: an ISO 4217 code. A custom unit (points) has none to give.
  if (!isIsoCurrency(document.currency.code)) {
    const path = "currency.code";
    throw InputError.from(exportMessages.focusCurrencyNotIso(path, document.currency.code), path);
  }
  return isCreditNote(document) ? creditNoteRows(document, options, names) : invoiceRows(document, names);
}

function isCreditNote(document: Invoice | CreditNote): document is CreditNote {
  return "invoiceId" in document;
}
