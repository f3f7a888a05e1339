import { Decimal, ZERO } from "../money/index.js";
import type { InvoiceTax } from "../schema/index.js";

/**
 * Each line's part of an inclusive tax, in whole minor units, summing exactly to each rate's tax. With
 * inclusive tax a line's amount already holds its tax, which FOCUS reports on a Tax row of its own, so
 * the line's row carries the amount without it. Per-line rounding gives each line's rounded tax; with
 * per-invoice rounding (one rounding of the rate's total) each line's exact share is rounded half-even
 * and what that leaves over (a few minor units at most) goes to the rate's line with the largest base,
 * so the rows still add up to the invoice. Exclusive tax, or none: no shares (the lines hold no tax).
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
    const taker = largestBase(rate.lines);
    rate.lines.forEach((line, index) => {
      add(line.line, index === taker ? (parts[index] ?? ZERO).plus(leftOver) : (parts[index] ?? ZERO));
    });
  }
  return shares;
}

// The line the minor units left over go to: the one with the largest base (in size; the first of equals).
// Not simply the first line: a line of 0 (a minimum on no usage) would then carry −0.0001 of cost, and a
// note of the whole invoice, which lists no line of 0, would give the unit to another line of another
// ChargeCategory, so the invoice's and the note's rows would not net to 0 by category.
function largestBase(lines: ReadonlyArray<{ readonly base: string }>): number {
  let largest = 0;
  lines.forEach((line, index) => {
    if (new Decimal(line.base).abs().greaterThan(new Decimal(lines[largest]?.base ?? 0).abs()))
      largest = index;
  });
  return largest;
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
    for (const line of rate.lines.filter(taxedAtList))
      percents.set(line.line, (percents.get(line.line) ?? ZERO).plus(rate.percent));
  return percents;
}

/**
 * Whether a rate's line bears the rate's tax at list: not when the invoice relieves it (an exempt
 * customer, a reverse charge: the rate's lines are listed with an exact tax of 0 on their base). Such
 * a line's price holds no tax, so its list cost is not stated net of the rate, and the Tax row's list
 * cost leaves it out: the exempt customer paid a 14.72 inclusive-priced fee at 14.72, not 13.66 + tax.
 */
export function taxedAtList(line: { readonly base: string; readonly exact: string }): boolean {
  return !(new Decimal(line.exact).isZero() && !new Decimal(line.base).isZero());
}
