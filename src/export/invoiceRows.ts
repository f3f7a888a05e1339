import type { Invoice } from "../invoice/index.js";
import { ZERO } from "../money/index.js";
import { belowZeroRows } from "./belowZeroRows.js";
import { documentChargePeriod, lineChargePeriod } from "./chargePeriod.js";
import { creditRows } from "./creditRows.js";
import type { FocusRow } from "./focusColumns.js";
import { toFocusDateTime } from "./focusDateTime.js";
import type { FocusNames } from "./focusOptions.js";
import { inclusiveTaxPercents, inclusiveTaxShares } from "./inclusiveTaxShares.js";
import { lineRow } from "./lineRow.js";
import { roundingRows } from "./roundingRows.js";
import type { RowFacts } from "./rowFacts.js";
import { taxRows } from "./taxRows.js";

/**
 * An invoice's FOCUS rows, in the invoice's order: one per line, one per pre-tax credit, one per tax
 * rate, the total's rounding adjustment (lines finer than the currency only), the negative total the
 * amount due does not carry (if any), one per after-tax credit, an earlier invoice's negative total this
 * one does not give back (if any), the amount due's rounding adjustment (if any). Their BilledCost adds up to what the invoice asks the customer to pay
 * (`amountDue`, or `total` when no credit applied after tax), exactly.
 */
export function invoiceRows(invoice: Invoice, names: FocusNames): FocusRow[] {
  const period = {
    start: toFocusDateTime(invoice.period.start, "period.start"),
    end: toFocusDateTime(invoice.period.end, "period.end"),
  };
  // A progressive invoice is issued for its period but charges the stretch of it that it billed.
  const charged = documentChargePeriod(invoice, "period");
  const facts: RowFacts = {
    names,
    documentId: invoice.id,
    contractId: invoice.contractId,
    customer: invoice.customer,
    currency: invoice.currency,
    billingPeriod: period,
    chargeClass: null,
  };
  const shares = inclusiveTaxShares(invoice.tax, invoice.currency.minorUnits);
  const percents = inclusiveTaxPercents(invoice.tax);
  const lines = invoice.lines.map((line, index) =>
    lineRow(line, lineChargePeriod(invoice, index, `lines[${index}]`), facts, invoice.commitments ?? [], {
      share: shares.get(line.id) ?? ZERO,
      percent: percents.get(line.id) ?? ZERO,
    }),
  );
  const credits = invoice.credits ?? [];
  const beforeTotal = [
    ...lines,
    ...creditRows(credits, "before_tax", facts, charged),
    ...taxRows(invoice.tax, lines, facts, charged),
  ];
  const total = [...beforeTotal, ...roundingRows(invoice, "total", facts, charged, beforeTotal)];
  const beforeDue = [
    ...total,
    ...belowZeroRows(invoice, "not_due", facts, charged),
    ...creditRows(credits, "after_tax", facts, charged),
    ...belowZeroRows(invoice, "earlier", facts, charged),
  ];
  return [...beforeDue, ...roundingRows(invoice, "amountDue", facts, charged, beforeDue)];
}
