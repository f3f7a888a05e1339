import { exportMessages, InputError } from "../errors/index.js";
import type { LateUsageResult } from "../invoice/index.js";
import { correctionPeriod, creditNoteRows } from "./creditNoteRows.js";
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
 *   written. InvoiceId is null: the rows are not on an issued invoice yet (invoiceid.md).
 * - `credit_note`: the credit note's rows (as `focusRows` writes them) and the re-issued invoice's rows.
 * The rows add up to the re-rated amount due minus the issued one, exactly (for `credit_note`: minus
 * the money the note gives back, plus the re-issued invoice's amount due; what the note gives back to
 * prepaid credits puts their Credit rows back, as the re-issued invoice draws them again).
 * @param options - `invoice`: the invoice as issued (its id is the correction's `invoiceId`)
 * @throws InputError `missing_field` (no issued invoice, no `correctionPeriod`), `invalid_period`
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
  return [
    ...reversed.map((row) =>
      asCorrection(row, {
        ...Object.fromEntries(NEGATED.map((column) => [column, negated(row[column])])),
        ChargeDescription: `Late usage: reversal of ${row.ChargeDescription ?? ""}`,
        InvoiceId: null,
        x_LineId: lineId(row, "reversal"),
      }),
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
