import { addExactly, Decimal, exactProduct, toFixedString, toPlainString, ZERO } from "../money/index.js";
import type { InvoiceTax } from "../schema/index.js";
import type { FocusRow } from "./focusColumns.js";
import { taxedAtList } from "./inclusiveTaxShares.js";
import { finished, type RowFacts, rowOf } from "./rowFacts.js";

const HUNDRED = new Decimal(100);

/**
 * One Tax row per tax rate (specification/columns/chargecategory.md, "Tax"), its BilledCost the rate's
 * tax as invoiced. Tax is computed on other charges, so FOCUS asks its EffectiveCost, ListCost and
 * ContractedCost to be computed from theirs: the rate's percent of the taxed rows' cost (exactly, not
 * rounded), of the lines that bear it (`taxedAtList`: none when the customer is exempt). Their EffectiveCost is their BilledCost, so the tax's is its BilledCost. Unit prices,
 * quantities, SKU and pricing category are null, as FOCUS requires of Tax rows.
 *
 * @param rows - the rows of the lines the tax applies to, by line id (`x_LineId`)
 * @param chargePeriod - the document's period, FOCUS date/times: the tax is the whole invoice's
 * @param sign - 1 for an invoice; −1 for a credit note, whose tax is credited (written positive on the note)
 */
export function taxRows(
  tax: InvoiceTax | undefined,
  rows: ReadonlyArray<FocusRow>,
  facts: RowFacts,
  chargePeriod: { readonly start: string; readonly end: string },
  sign: 1 | -1 = 1,
): FocusRow[] {
  if (tax === undefined) return [];
  const byLine = new Map(rows.map((row) => [row.x_LineId, row]));
  return tax.rates.map((rate) => {
    const percent = new Decimal(rate.percent);
    const taxOn = (column: "ListCost" | "ContractedCost") => {
      const base = rate.lines
        .filter(taxedAtList)
        .reduce((sum, line) => addExactly(sum, byLine.get(line.line)?.[column] ?? ZERO), ZERO);
      // c × p / 100, exact: the lines' list costs are net of tax, inclusive prices too (linePricing).
      return toPlainString(exactProduct(base, percent.div(HUNDRED)));
    };
    const row = rowOf(facts);
    row.ChargeCategory = "Tax";
    row.ChargeDescription = rate.name;
    row.ChargeFrequency = "Recurring";
    row.ChargePeriodStart = chargePeriod.start;
    row.ChargePeriodEnd = chargePeriod.end;
    const billed = toFixedString(new Decimal(rate.amount).times(sign), facts.currency.minorUnits);
    row.BilledCost = billed;
    row.EffectiveCost = billed;
    row.ListCost = taxOn("ListCost");
    row.ContractedCost = taxOn("ContractedCost");
    row.x_LineId = `tax:${rate.rate}`;
    return finished(row);
  });
}
