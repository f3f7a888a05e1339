import type { Invoice } from "../invoice/index.js";
import { Decimal } from "../money/index.js";
import type { CreditNote } from "../schema/index.js";
import type { FocusRow } from "./focusColumns.js";
import { finished, type RowFacts, rowOf, withAllCosts } from "./rowFacts.js";

/** Which rounded figure of the invoice a row carries the adjustment of. */
type RoundedFigure = "total" | "amountDue";

const DESCRIPTIONS: Readonly<Record<RoundedFigure, string>> = {
  total: "Rounding adjustment of the total",
  amountDue: "Rounding adjustment of the amount due",
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
): FocusRow[] {
  const adjustment = invoice.rounding[figure]?.adjustment;
  const lineId = figure === "total" ? "rounding" : "rounding:amount_due";
  return adjustmentRows(adjustment, DESCRIPTIONS[figure], lineId, facts, chargePeriod);
}

/**
 * The Adjustment row of a credit note of such an invoice: the note rounds its total to the currency as
 * the invoice did (docs/credit-notes.md), and FOCUS bills a credit as a negative cost, so the row carries
 * minus the note's adjustment and the note's rows add up to minus its total.
 */
export function noteRoundingRows(
  note: CreditNote,
  facts: RowFacts,
  chargePeriod: { readonly start: string; readonly end: string },
): FocusRow[] {
  const adjustment = note.rounding?.total.adjustment;
  const billed = adjustment === undefined ? undefined : new Decimal(adjustment).negated().toFixed();
  return adjustmentRows(billed, DESCRIPTIONS.total, "rounding", facts, chargePeriod);
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
