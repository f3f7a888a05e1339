import type { Invoice } from "../invoice/index.js";
import { currencyPrefix } from "./currencySymbol.js";
import { formatExact, signed } from "./formatNumber.js";

/**
 * How the explanations write a settled figure (the total, the amount due, what a progressive period so
 * far and its earlier invoices billed): exact, with the currency's sign, in the total's decimals, which
 * are the currency's own when lines are finer (rounding.lineDecimals).
 * @example settledMoney(invoice)("-1234.5") // "-$1234.50"
 */
export function settledMoney(invoice: Invoice): (plain: string) => string {
  const prefix = currencyPrefix(invoice.currency.code);
  const minorUnits = invoice.rounding.total?.minorUnits ?? invoice.currency.minorUnits;
  return (plain) => signed(plain, (magnitude) => `${prefix}${formatExact(magnitude, minorUnits)}`);
}
