import type { Invoice } from "../../invoice/index.js";
import { Decimal, toPlainString } from "../../money/index.js";
import { roundingModeWords } from "../roundingModeWords.js";
import { liveOrValue } from "./liveOrValue.js";
import { roundingFormula, toleranceOf } from "./roundingFormula.js";
import { moneyFormat, type SheetBuilder } from "./sheetBuilder.js";

/**
 * The total of a progressive or closing invoice after earlier ones of its period, with lines finer than
 * the currency (`keepsPeriodRoundingSoFar`): ratecard rounds the period's total so far and takes off what
 * the earlier invoices billed (docs/progressive-billing.md), so its own part rounded alone can be a minor
 * unit off (0.144 → 0.14, where the period's 0.288 → 0.29 less the 0.14 billed is 0.15). Two rows: the
 * period so far before rounding (this invoice's, live, plus the earlier invoices' as a value), then that
 * rounded less what the earlier invoices billed (a value). Returns the total's row.
 */
export function periodSoFarTotal(
  builder: SheetBuilder,
  invoice: Invoice,
  own: { readonly row: number; readonly before: string; readonly operands: ReadonlyArray<string> },
): number {
  const settle = invoice.rounding.total!;
  const money = moneyFormat(invoice.currency.minorUnits);
  // What the earlier invoices of the period had before rounding, and what they billed (rounded).
  const earlierBefore = toPlainString(new Decimal(settle.before).minus(own.before));
  const earlierBilled = toPlainString(
    new Decimal(invoice.progressive!.cumulative.total).minus(invoice.total),
  );
  const soFar = liveOrValue(
    `E${own.row}+(${earlierBefore})`,
    settle.before,
    money,
    `This invoice's total before rounding plus ${earlierBefore}, the earlier invoices' of the period: the period's so far.`,
    [...own.operands, earlierBefore],
  );
  const soFarRow = builder.add("total", {
    step: "So far this period, total before rounding",
    amount: soFar.cell,
    note: soFar.note,
  });
  const { mode } = invoice.rounding;
  const rounded = roundingFormula(`E${soFarRow}`, settle.minorUnits, mode, toleranceOf([`E${soFarRow}`]));
  const total = liveOrValue(
    `${rounded}-(${earlierBilled})`,
    invoice.total,
    moneyFormat(settle.minorUnits),
    `The period's total so far, rounded ${roundingModeWords(mode)} to the currency's ${settle.minorUnits} decimals (the lines keep ${invoice.currency.minorUnits}), less ${earlierBilled} the earlier invoices of the period billed.`,
    [...own.operands, earlierBefore, earlierBilled, settle.before],
  );
  return builder.add("total", { step: "Total", amount: total.cell, note: total.note });
}
