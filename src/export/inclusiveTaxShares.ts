import { Decimal, ZERO } from "../money/index.js";
import type { InvoiceTax } from "../schema/index.js";

/**
 * Each line's part of an inclusive tax, in whole minor units, summing exactly to each rate's tax. With
 * inclusive tax a line's amount already holds its tax, which FOCUS reports on a Tax row of its own, so
 * the line's row carries the amount without it. Per-line rounding gives each line's rounded tax; with
 * per-invoice rounding (one rounding of the rate's total) each line's exact share is rounded half-even
 * and what that leaves over (a few minor units at most) goes to the rate's first line, so the rows
 * still add up to the invoice. Exclusive tax, or none: no shares (the lines hold no tax).
 */
export function inclusiveTaxShares(
  tax: InvoiceTax | undefined,
  minorUnits: number,
): ReadonlyMap<string, Decimal> {
  const shares = new Map<string, Decimal>();
  if (tax === undefined || tax.mode !== "inclusive") return shares;
  const add = (line: string, amount: Decimal) => shares.set(line, (shares.get(line) ?? ZERO).plus(amount));
  for (const rate of tax.rates) {
    const parts = rate.lines.map((line) =>
      line.rounded === undefined
        ? new Decimal(line.exact).toDecimalPlaces(minorUnits, Decimal.ROUND_HALF_EVEN)
        : new Decimal(line.rounded),
    );
    const leftOver = parts.reduce((rest, part) => rest.minus(part), new Decimal(rate.amount));
    rate.lines.forEach((line, index) => {
      add(line.line, index === 0 ? (parts[index] ?? ZERO).plus(leftOver) : (parts[index] ?? ZERO));
    });
  }
  return shares;
}

/**
 * Each line's inclusive tax rate in percent (the sum of the rates that tax it), by line id: what its
 * contract price holds on top of the net price. FOCUS reports the tax on a Tax row whose ListCost is
 * worked from the lines' (listcost.md), so a line's ListCost must be net of it, as its BilledCost is,
 * or ListCost − BilledCost shows the tax as a discount. Exclusive tax, or none: no entries.
 */
export function inclusiveTaxPercents(tax: InvoiceTax | undefined): ReadonlyMap<string, Decimal> {
  const percents = new Map<string, Decimal>();
  if (tax === undefined || tax.mode !== "inclusive") return percents;
  for (const rate of tax.rates)
    for (const line of rate.lines)
      percents.set(line.line, (percents.get(line.line) ?? ZERO).plus(rate.percent));
  return percents;
}
