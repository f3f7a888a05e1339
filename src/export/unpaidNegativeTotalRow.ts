import type { Invoice } from "../invoice/index.js";
import { Decimal, toFixedString } from "../money/index.js";
import type { FocusRow } from "./focusColumns.js";
import { finished, type RowFacts, rowOf, withAllCosts } from "./rowFacts.js";

/**
 * The Adjustment row of an invoice whose total is negative and that also burns credits after tax: its
 * amount due starts from zero, not from the negative total (credits pay what is owed; they do not
 * refund), so the rows add the negative total back to reach the amount due, as FOCUS's BilledCost must
 * (specification/columns/billedcost.md). None for any other invoice.
 */
export function unpaidNegativeTotalRows(
  invoice: Invoice,
  facts: RowFacts,
  chargePeriod: { readonly start: string; readonly end: string },
): FocusRow[] {
  const total = new Decimal(invoice.total);
  if (invoice.amountDue === undefined || !total.isNegative()) return [];
  const row = withAllCosts(rowOf(facts), toFixedString(total.negated(), invoice.currency.minorUnits));
  row.ChargeCategory = "Adjustment";
  row.ChargeDescription = "Negative total not carried into the amount due";
  row.ChargeFrequency = "One-Time";
  row.ChargePeriodStart = chargePeriod.start;
  row.ChargePeriodEnd = chargePeriod.end;
  row.x_LineId = "negative_total";
  return [finished(row)];
}
