import { exportMessages, InputError } from "../errors/index.js";
import type { Invoice, LateUsageResult } from "../invoice/index.js";
import type { CreditNote } from "../schema/index.js";
import { correctionPeriod } from "./correctionPeriod.js";
import { creditNoteRows } from "./creditNoteRows.js";
import type { FocusColumn, FocusRow } from "./focusColumns.js";
import { type FocusOptions, focusNames } from "./focusOptions.js";
import { invoiceRows } from "./invoiceRows.js";

// The decimal columns a reversal negates: costs and quantities. Unit prices stay (FOCUS wants them
// non-negative), so PricingQuantity × ListUnitPrice = ListCost holds on a reversal too.
const NEGATED: ReadonlyArray<FocusColumn> = [
  "BilledCost",
  "EffectiveCost",
  "ListCost",
  "ContractedCost",
  "PricingQuantity",
  "ConsumedQuantity",
  "CommitmentDiscountQuantity",
];

/**
 * A late-usage correction (`correctLateUsage`, docs/late-usage.md) as FOCUS rows, every one with
 * ChargeClass "Correction" (chargeclass.md: a correction to a previously invoiced billing period) and
 * booked in `options.correctionPeriod`, the billing period the correction is made in:
 * - `next_invoice`: every row of the issued invoice that the re-rating changed, reversed (costs and
 *   quantities negated), and the re-rated row booked, as the delta lines reverse and rebook whole lines
 *   (x_LineId `<invoice id>/<row's line>:reversal` / `:rebook`); rows the late usage left alone are not
 *   written. InvoiceId is null: the rows are not on an issued invoice yet (invoiceid.md). When the
 *   correction counted credit notes of units (`unitsCredited`), the customer was billed the invoice
 *   less them, so every row of those notes is reversed too (`<note id>/<row's line>:reversal`): the
 *   invoice's, the notes' and the correction's rows then come to the re-rated invoice's, in money and
 *   in ConsumedQuantity (the notes' rows carry none).
 * - `credit_note`: the credit note's rows (as `focusRows` writes them) and the re-issued invoice's rows.
 * The rows add up to the re-rated amount due minus the issued one, exactly (for `credit_note`: minus
 * the money the note gives back, plus the re-issued invoice's amount due; what the note gives back to
 * prepaid credits puts their Credit rows back, as the re-issued invoice draws them again).
 * @param options - `invoice`: the invoice as issued (its id is the correction's `invoiceId`);
 *   `creditNotes`: the notes of units the correction counted (`unitsCredited`), as issued
 * @throws InputError `missing_field` (no issued invoice, no `correctionPeriod`, a counted note not
 *   given), `invalid_period`
 */
export function lateUsageRows(result: LateUsageResult, options: FocusOptions): FocusRow[] {
  const names = focusNames(options);
  const issued = options.invoice;
  if (issued === undefined || issued.id !== result.invoiceId)
    throw InputError.from(exportMessages.focusLateUsageInvoiceMissing(result.invoiceId), "invoice");
  const booked = correctionPeriod(`${result.invoiceId} (late usage)`, issued, options.correctionPeriod);
  const asCorrection = (row: FocusRow, changes: Partial<Record<FocusColumn, string | null>>): FocusRow =>
    Object.freeze({
      ...row,
      ChargeClass: "Correction",
      BillingPeriodStart: booked.start,
      BillingPeriodEnd: booked.end,
      ...changes,
    });
  if (result.mode === "credit_note") {
    if (result.creditNote === undefined || result.reissued === undefined) return [];
    return [
      ...creditNoteRows(result.creditNote, { ...options, invoice: issued }, names),
      ...invoiceRows(result.reissued, names).map((row) => asCorrection(row, {})),
    ];
  }
  const { reversed, rebooked } = changedRows(invoiceRows(issued, names), invoiceRows(result.rerated, names));
  const lineId = (row: FocusRow, kind: string) => `${issued.id}/${row.x_LineId ?? ""}:${kind}`;
  const reversal = (row: FocusRow, id: string) =>
    asCorrection(row, {
      ...Object.fromEntries(NEGATED.map((column) => [column, negated(row[column])])),
      ChargeDescription: `Late usage: reversal of ${row.ChargeDescription ?? ""}`,
      InvoiceId: null,
      x_LineId: id,
    });
  const notesBooked = unitNotes(result, issued, options.creditNotes).map((note) => ({
    note,
    rows: creditNoteRows(note, { ...options, invoice: issued }, names),
  }));
  return [
    ...reversed.map((row) => reversal(row, lineId(row, "reversal"))),
    ...notesBooked.flatMap(({ note, rows }) =>
      rows.map((row) => reversal(row, `${note.id}/${row.x_LineId ?? ""}:reversal`)),
    ),
    ...rebooked.map((row) =>
      asCorrection(row, {
        ChargeDescription: `Late usage: ${row.ChargeDescription ?? ""} re-rated`,
        InvoiceId: null,
        x_LineId: lineId(row, "rebook"),
      }),
    ),
  ];
}

/**
 * The credit notes of units the correction counted (`unitsCredited`), found among those given by id and
 * digest: the correction's total is worked from the invoice less them, so their rows are reversed too.
 * @throws InputError `missing_field` at `creditNotes` when one is not given (or another version is)
 */
function unitNotes(
  result: Extract<LateUsageResult, { mode: "next_invoice" }>,
  issued: Invoice,
  given: ReadonlyArray<CreditNote> = [],
): CreditNote[] {
  const counted = result.unitsCredited ?? [];
  const found = counted.map(({ id, digest }) =>
    given.find((note) => note.id === id && note.digest === digest),
  );
  const missing = counted.filter((_, index) => found[index] === undefined).map(({ id }) => id);
  if (missing.length > 0)
    throw InputError.from(
      exportMessages.focusLateUsageNotesMissing(issued.id, missing.join(", ")),
      "creditNotes",
    );
  return found.filter((note) => note !== undefined);
}

/** The issued rows with no identical re-rated row, and the re-rated rows with no identical issued one. */
function changedRows(issued: ReadonlyArray<FocusRow>, rerated: ReadonlyArray<FocusRow>) {
  const key = (row: FocusRow) => JSON.stringify(row);
  const unmatched = new Map<string, number>();
  for (const row of rerated) unmatched.set(key(row), (unmatched.get(key(row)) ?? 0) + 1);
  const reversed = issued.filter((row) => {
    const left = unmatched.get(key(row)) ?? 0;
    if (left === 0) return true;
    unmatched.set(key(row), left - 1);
    return false;
  });
  const matched = new Map<string, number>();
  for (const row of issued) matched.set(key(row), (matched.get(key(row)) ?? 0) + 1);
  const rebooked = rerated.filter((row) => {
    const left = matched.get(key(row)) ?? 0;
    if (left === 0) return true;
    matched.set(key(row), left - 1);
    return false;
  });
  return { reversed, rebooked };
}

/** Exact decimal text, negated as text (no rounding can creep in); zero stays unsigned. */
function negated(value: string | null): string | null {
  if (value === null) return null;
  if (value.startsWith("-")) return value.slice(1);
  return /^0(\.0*)?$/.test(value) ? value : `-${value}`;
}
