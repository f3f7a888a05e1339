import type { Invoice } from "../invoice/index.js";
import { currencyPrefix } from "./currencySymbol.js";
import type { MoneyStyle } from "./explainLine.js";
import { formatExact, signed } from "./formatNumber.js";

/**
 * The style an invoice's lines are worded in: the currency's sign ("$", or "CAD " for a code without an
 * unambiguous symbol) and its minor units.
 * @example invoiceMoneyStyle(invoice) // { prefix: "$", minorUnits: 2 } for USD
 */
export function invoiceMoneyStyle(invoice: Invoice): MoneyStyle {
  return { prefix: currencyPrefix(invoice.currency.code), minorUnits: invoice.currency.minorUnits };
}

/**
 * How the explanations write a settled figure (the total, the amount due, what a progressive period so
 * far and its earlier invoices billed): exact, with the currency's sign, in the total's decimals, which
 * are the currency's own when lines are finer (rounding.lineDecimals).
 * @example settledMoney(invoice)("-1234.5") // "-$1234.50"
 */
export function settledMoney(invoice: Invoice): (plain: string) => string {
  return moneyIn(invoice, invoice.rounding.total?.minorUnits ?? invoice.currency.minorUnits);
}

/**
 * How the explanations write a line's figure (and the subtotal, a sum of lines): in the line decimals,
 * as the line's own "Line total" reads, so a fee of 0.150 under lines to 3 decimals reads $0.150 wherever
 * it stands (docs/preview.md).
 * @example lineMoney(invoice)("0.15") // "$0.150" with lines to 3 decimals
 */
export function lineMoney(invoice: Invoice): (plain: string) => string {
  return moneyIn(invoice, invoice.currency.minorUnits);
}

function moneyIn(invoice: Invoice, minorUnits: number): (plain: string) => string {
  const prefix = currencyPrefix(invoice.currency.code);
  return (plain) => signed(plain, (magnitude) => `${prefix}${formatExact(magnitude, minorUnits)}`);
}

/**
 * The end of the "Each line is rounded once … to 3 decimals" sentence when lines are finer than the
 * currency (rounding.lineDecimals): that the currency has fewer and the total is rounded to them, so a
 * line total of $0.150 beside a total of $0.44 reads as the rule, not as two figures that disagree.
 * Empty otherwise.
 * @example finerLines(invoice) // "; the total is rounded to the currency's 2"
 */
export function finerLines(invoice: Invoice): string {
  const total = invoice.rounding.total;
  if (total === undefined) return "";
  return `; the total is rounded to the currency's ${total.minorUnits}`;
}
