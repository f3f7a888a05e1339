import type { Invoice } from "../invoice/index.js";
import { addExactly, Decimal } from "../money/index.js";
import type { IssuedDocument } from "./issuedDocument.js";
import type { Discrepancy } from "./reconcileResult.js";

/**
 * One minor unit of the currency the recomputed invoice is paid in: 0.01 EUR even when the contract keeps
 * its lines to 3 decimals (`rounding.lineDecimals`, the invoice's `currency.minorUnits` then 3). An issuer
 * billing to the cent rounds each line so: 0.074 issued as 0.07 is a rounding, not a rate change.
 */
export function currencyUnitOf(recomputed: Invoice): Decimal {
  const minorUnits = recomputed.rounding.total?.minorUnits ?? recomputed.currency.minorUnits;
  return new Decimal(10).pow(-minorUnits);
}

/**
 * With lines finer than the currency, ratecard keeps the tax to the line decimals (20.015) and rounds
 * only the total; an issuer billing to the cent writes its tax to the cent (20.01). When the totals agree
 * and the tax is within one cent, the `tax` and `adjustments` discrepancies are that rounding, cancelling
 * each other: a note instead, so that an invoice right to the cent is not reported wrong.
 */
export function subUnitTax(
  discrepancies: ReadonlyArray<Discrepancy>,
  document: IssuedDocument,
  recomputed: Invoice,
): { readonly discrepancies: ReadonlyArray<Discrepancy>; readonly notes: ReadonlyArray<string> } {
  const unchanged = { discrepancies, notes: [] };
  const { lineDecimals, total } = recomputed.rounding;
  if (lineDecimals === undefined || total === undefined || document.total === undefined) return unchanged;
  if (!new Decimal(document.total).equals(recomputed.total)) return unchanged;
  const tax = discrepancies.find((d) => d.cause === "tax");
  const rest = discrepancies.filter((d) => d.cause === "tax" || d.cause === "adjustments");
  const unit = currencyUnitOf(recomputed);
  if (tax === undefined || rest.length !== 2 || new Decimal(tax.amount).abs().greaterThanOrEqualTo(unit))
    return unchanged;
  if (!rest.reduce((sum, d) => addExactly(sum, d.amount), new Decimal(0)).isZero()) return unchanged;
  const issuedTax = new Decimal(document.tax ?? "0").toFixed();
  return {
    discrepancies: discrepancies.filter((d) => !rest.includes(d)),
    notes: [
      `The issued tax, ${issuedTax}, and the recomputed ${recomputed.tax?.total} differ by less than one cent, and the totals agree: the recomputation keeps its lines and tax to ${lineDecimals} decimals and rounds only its total to ${total.minorUnits} (by ${total.adjustment}).`,
    ],
  };
}
