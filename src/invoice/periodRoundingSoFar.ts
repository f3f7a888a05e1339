import type { Invoice } from "./invoiceSchema.js";

/**
 * True when the invoice's `rounding` is not its own: a progressive or closing invoice after earlier ones
 * of its period, with lines finer than the currency (`rounding.lineDecimals`), keeps the rounding of the
 * period so far (docs/progressive-billing.md), while its figures are differences of rounded figures. What
 * rounding added to *its* total is then its total less its own figures before rounding, worked out by
 * whoever adds those figures up (the FOCUS rows, the waterfall): 1.04 for the month less 0.15 billed is
 * 0.89, on 0.8904 of its own: −0.0004, not the period's +0.0015.
 */
export function keepsPeriodRoundingSoFar(invoice: Invoice): boolean {
  return invoice.rounding.lineDecimals !== undefined && (invoice.progressive?.earlier.length ?? 0) > 0;
}
