import { type Invoice, keepsPeriodRoundingSoFar } from "../invoice/index.js";
import { Decimal, decimalsOfText } from "../money/index.js";
import type { CreditNote } from "../schema/index.js";
import type { FocusRow } from "./focusColumns.js";
import { finished, type RowFacts, rowOf, withAllCosts } from "./rowFacts.js";

/** Which rounded figure of the invoice a row carries the adjustment of. */
type RoundedFigure = "total" | "amountDue";

const DESCRIPTIONS: Readonly<Record<RoundedFigure, string>> = {
  total: "Rounding adjustment of the total",
  amountDue: "Rounding adjustment of the amount due",
};

const LINE_IDS: Readonly<Record<RoundedFigure, string>> = {
  total: "rounding",
  amountDue: "rounding:amount_due",
};

/**
 * The Adjustment row of an invoice whose lines are finer than its currency (`rounding.lineDecimals`):
 * the lines, credits and tax add up to the unrounded total, so the difference the rounding made
 * (`rounding.total.adjustment`, or `rounding.amountDue.adjustment`) gets a row of its own, as Azure's
 * invoice-level "rounding adjustment" record, and the rows reach the invoice's figure exactly as FOCUS's
 * BilledCost must (specification/columns/billedcost.md). ChargeCategory "Adjustment": "charges the service
 * provider applies that do not fall into other category values" (chargecategory.md). None when the
 * invoice has no such rounding, or when it added nothing.
 */
export function roundingRows(
  invoice: Invoice,
  figure: RoundedFigure,
  facts: RowFacts,
  chargePeriod: { readonly start: string; readonly end: string },
  rowsBefore: ReadonlyArray<FocusRow>,
): FocusRow[] {
  const adjustment = keepsPeriodRoundingSoFar(invoice)
    ? ownAdjustment(invoice, figure, rowsBefore)
    : invoice.rounding[figure]?.adjustment;
  return adjustmentRows(adjustment, DESCRIPTIONS[figure], LINE_IDS[figure], facts, chargePeriod);
}

/**
 * What rounding added to this invoice's own figure: the figure it bills less what its rows before the
 * adjustment add up to (its lines, credits and tax, each already less what the earlier invoices had).
 * 1.04 for the month less 0.15 billed earlier is 0.89, on rows of 0.8904: −0.0004, the period's +0.0015
 * less the first invoice's +0.0019.
 */
function ownAdjustment(
  invoice: Invoice,
  figure: RoundedFigure,
  rowsBefore: ReadonlyArray<FocusRow>,
): string | undefined {
  const billed = figure === "total" ? invoice.total : invoice.amountDue;
  if (billed === undefined) return undefined;
  const rows = rowsBefore.reduce((sum, row) => sum.plus(row.BilledCost ?? 0), new Decimal(0));
  return new Decimal(billed).minus(rows).toFixed(invoice.currency.minorUnits);
}

/**
 * The Adjustment row of a credit note of such an invoice: the note rounds its total to the currency as
 * the invoice did (docs/credit-notes.md), and FOCUS bills a credit as a negative cost, so the row carries
 * minus the note's adjustment and the note's rows add up to minus its total. The note that completes an
 * invoice whose amount due was rounded takes that rounding back too (`settlement.rounding`, the
 * `amountDue` figure): minus its adjustment, so the note's rows add up to minus its money, and the
 * invoice's rows and its notes' to 0.
 */
export function noteRoundingRows(
  note: CreditNote,
  figure: RoundedFigure,
  facts: RowFacts,
  chargePeriod: { readonly start: string; readonly end: string },
): FocusRow[] {
  const adjustment =
    figure === "total" ? note.rounding?.total.adjustment : note.settlement?.rounding?.adjustment;
  const billed =
    adjustment === undefined
      ? undefined
      : new Decimal(adjustment).negated().toFixed(decimalsOfText(adjustment));
  return adjustmentRows(billed, DESCRIPTIONS[figure], LINE_IDS[figure], facts, chargePeriod);
}

function adjustmentRows(
  adjustment: string | undefined,
  description: string,
  lineId: string,
  facts: RowFacts,
  chargePeriod: { readonly start: string; readonly end: string },
): FocusRow[] {
  if (adjustment === undefined || new Decimal(adjustment).isZero()) return [];
  const row = withAllCosts(rowOf(facts), adjustment);
  row.ChargeCategory = "Adjustment";
  row.ChargeDescription = description;
  row.ChargeFrequency = "One-Time";
  row.ChargePeriodStart = chargePeriod.start;
  row.ChargePeriodEnd = chargePeriod.end;
  row.x_LineId = lineId;
  return [finished(row)];
}
