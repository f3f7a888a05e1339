import type { Invoice } from "../../invoice/index.js";
import { Decimal, toPlainString } from "../../money/index.js";
import { roundingModeWords } from "../roundingModeWords.js";
import { liveOrValue } from "./liveOrValue.js";
import { roundingFormula, toleranceOf } from "./roundingFormula.js";
import { moneyFormat, type SheetBuilder } from "./sheetBuilder.js";

/** This invoice's own part of a figure before rounding: its live formula, its exact value, and what that is computed from. */
export interface OwnPart {
  readonly formula: string;
  readonly before: string;
  readonly operands: ReadonlyArray<string>;
}

/**
 * The total of a progressive or closing invoice after earlier ones of its period, with lines finer than
 * the currency (`keepsPeriodRoundingSoFar`): ratecard rounds the period's total so far and takes off what
 * the earlier invoices billed (docs/progressive-billing.md), so its own part rounded alone can be a minor
 * unit off (0.144 → 0.14, where the period's 0.288 → 0.29 less the 0.14 billed is 0.15). Two rows: the
 * period so far before rounding (this invoice's, live, plus the earlier invoices' as a value), then that
 * rounded less what the earlier invoices billed (a value). Returns the total's row.
 */
export function periodSoFarTotal(builder: SheetBuilder, invoice: Invoice, own: OwnPart): number {
  return periodSoFarRows(builder, invoice, own, {
    name: "total",
    before: invoice.rounding.total!.before,
    soFar: invoice.progressive!.cumulative.total,
    exact: invoice.total,
    earlier: "billed",
  });
}

/**
 * The amount due of such an invoice, likewise: ratecard rounds the period's amount due so far and takes off
 * what the earlier invoices made due, so its own part rounded alone can be a minor unit off. Invoice 1 at
 * 10.000 less a wallet's 0.005 = 9.995 → 10.00 due; the month at 20.010 less 0.005 = 20.005 → 20.00; the
 * close is due 20.00 − 10.00 = 10.00, where its own 10.01 rounded alone is 10.01. The period's amount due
 * before rounding is `rounding.amountDue.before` (its amount due so far when nothing was rounded).
 */
export function periodSoFarAmountDue(builder: SheetBuilder, invoice: Invoice, own: OwnPart): number {
  const soFar = invoice.progressive!.cumulative.amountDue!;
  return periodSoFarRows(builder, invoice, own, {
    name: "amount due",
    before: invoice.rounding.amountDue?.before ?? soFar,
    soFar,
    exact: invoice.amountDue!,
    earlier: "made due",
  });
}

// The figure of the period so far: `before` unrounded, `soFar` rounded; `exact` is this invoice's.
interface PeriodFigure {
  readonly name: "total" | "amount due";
  readonly before: string;
  readonly soFar: string;
  readonly exact: string;
  readonly earlier: "billed" | "made due";
}

function periodSoFarRows(
  builder: SheetBuilder,
  invoice: Invoice,
  own: OwnPart,
  figure: PeriodFigure,
): number {
  const settle = invoice.rounding.total!;
  const money = moneyFormat(invoice.currency.minorUnits);
  // What the earlier invoices of the period had before rounding, and what they billed or made due (rounded).
  const earlierBefore = toPlainString(new Decimal(figure.before).minus(own.before));
  const earlierSettled = toPlainString(new Decimal(figure.soFar).minus(figure.exact));
  const soFar = liveOrValue(
    `${own.formula}+(${earlierBefore})`,
    figure.before,
    money,
    `This invoice's ${figure.name} before rounding plus ${earlierBefore}, the earlier invoices' of the period: the period's so far.`,
    [...own.operands, earlierBefore],
  );
  const soFarRow = builder.add("total", {
    step: `So far this period, ${figure.name} before rounding`,
    amount: soFar.cell,
    note: soFar.note,
  });
  const { mode } = invoice.rounding;
  const rounded = roundingFormula(`E${soFarRow}`, settle.minorUnits, mode, toleranceOf([`E${soFarRow}`]));
  const result = liveOrValue(
    `${rounded}-(${earlierSettled})`,
    figure.exact,
    moneyFormat(settle.minorUnits),
    `The period's ${figure.name} so far, rounded ${roundingModeWords(mode)} to the currency's ${settle.minorUnits} decimals (the lines keep ${invoice.currency.minorUnits}), less ${earlierSettled} the earlier invoices of the period ${figure.earlier}.`,
    [...own.operands, earlierBefore, earlierSettled, figure.before],
  );
  const step = figure.name === "total" ? "Total" : "Amount due";
  return builder.add("total", { step, amount: result.cell, note: result.note });
}
