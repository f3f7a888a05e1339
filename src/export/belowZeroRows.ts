import { belowZeroNotDue, type Invoice } from "../invoice/index.js";
import { toFixedString } from "../money/index.js";
import type { FocusRow } from "./focusColumns.js";
import { finished, type RowFacts, rowOf, withAllCosts } from "./rowFacts.js";

/**
 * The Adjustment row of what an invoice's amount due leaves out of its total because a total was below
 * zero (`belowZeroNotDue`), so the rows reach the amount due as FOCUS's BilledCost must
 * (specification/columns/billedcost.md). ChargeCategory "Adjustment" ("charges the service provider
 * applies that do not fall into other category values", chargecategory.md) and ChargeClass null: it
 * corrects nothing of an earlier billing period (chargeclass.md), the earlier invoices are the same
 * period's. Above zero, `negative_total`: a total below zero not carried into the amount due (credits
 * after tax pay what is owed, they do not refund it), or on a progressive or closing invoice the period
 * so far below zero, when only what earlier invoices made due is given back. Below zero,
 * `earlier_negative_total`: an earlier invoice's total below zero, never due, that this invoice does not
 * give back (the waterfall's `earlier_below_zero` bar). `side` picks one: the first comes before the
 * credits after tax (they pay from zero), the second after them, as the waterfall orders its bars.
 * None when nothing is left out.
 */
export function belowZeroRows(
  invoice: Invoice,
  side: "not_due" | "earlier",
  facts: RowFacts,
  chargePeriod: { readonly start: string; readonly end: string },
): FocusRow[] {
  const { amount, before } = belowZeroNotDue(invoice);
  if (amount.isZero() || amount.isNegative() !== (side === "earlier")) return [];
  const row = withAllCosts(rowOf(facts), toFixedString(amount, invoice.currency.minorUnits));
  row.ChargeCategory = "Adjustment";
  row.ChargeDescription = amount.isNegative()
    ? "Earlier negative total of the period, not due then, not given back"
    : before.greaterThan(0)
      ? "Negative total of the period so far, not carried into the amount due"
      : "Negative total not carried into the amount due";
  row.ChargeFrequency = "One-Time";
  row.ChargePeriodStart = chargePeriod.start;
  row.ChargePeriodEnd = chargePeriod.end;
  row.x_LineId = amount.isNegative() ? "earlier_negative_total" : "negative_total";
  return [finished(row)];
}
