import { belowZeroNotDue, type Invoice, keepsPeriodRoundingSoFar } from "../../invoice/index.js";
import { Decimal, decimalsOfText, toFixedString, toPlainString } from "../../money/index.js";
import { belowZeroDueWords } from "../belowZeroDueWords.js";
import { owedWords } from "../owedWords.js";
import { requireInvoice } from "../requireInvoice.js";
import { roundingModeWords } from "../roundingModeWords.js";
import { invoiceMoneyStyle } from "../settledMoney.js";
import { type AdjustmentContext, writeCaps, writeCredits, writeDiscounts } from "./adjustmentRows.js";
import { LineNets } from "./lineNets.js";
import { writeLine } from "./lineRows.js";
import { liveOrValue } from "./liveOrValue.js";
import { periodSoFarAmountDue, periodSoFarTotal } from "./periodSoFarTotal.js";
import { roundingFormula, toleranceOf } from "./roundingFormula.js";
import { COLUMNS, moneyFormat, SheetBuilder } from "./sheetBuilder.js";
import { writeTax } from "./taxRows.js";
import type { InvoiceWorkbook, WorkbookFigure } from "./workbookTypes.js";

/**
 * The invoice as a workbook of live formulas: each line's steps as rows (tiers, packages, proration,
 * limits) ending in its amount, rounded where ratecard rounds; then the subtotal as a SUM, discounts,
 * caps, credits, tax, the total and the amount due; in the text explanation's words (sentences in column
 * F), why a progressive amount due is not the total less credits after a total below zero (`Why this
 * amount due`) and what an invoice below zero owes the customer (`Owed to the customer`). Change a
 * quantity cell and the sheet re-rates the line and every total after it. What depends on things the sheet does not hold (an allowance pool's
 * balance, a largest-remainder spread, a credit's burn) is written as ratecard's value and marked so;
 * so is every line with a number of more than the 14 significant digits a spreadsheet computes with reliably (it keeps 15).
 * Reads only the invoice; the result is plain data for a writer (the CLI uses exceljs).
 * @param invoice - an invoice ratecard issued
 * @returns the sheet's rows and the cells of each line amount, quantity and total
 * @throws InputError `invalid_argument` when `invoice` is not an invoice ratecard issued (path inside it)
 * @example
 * ```ts
 * const book = invoiceWorkbook(invoice);
 * book.totals.find((figure) => figure.name === "total")?.cell; // e.g. "E42"
 * ```
 */
export function invoiceWorkbook(invoice: Invoice): InvoiceWorkbook {
  requireInvoice(invoice, "invoiceWorkbook");
  const builder = new SheetBuilder();
  const money = moneyFormat(invoice.currency.minorUnits);
  const nets = new LineNets();
  const lines: WorkbookFigure[] = [];
  const quantities: WorkbookFigure[] = [];
  builder.add("heading", {
    line: "Invoice",
    step: invoice.id,
    note: `${invoice.customer.name ?? invoice.customer.id}, ${invoice.period.label} (${invoice.period.timeZone}), ${invoice.currency.code}. Yellow cells are quantities: change one and the sheet re-rates.`,
  });
  // Pools as the contract names them, as the explanation's sentences do.
  const poolName = (id: string) => invoice.allowances?.find((pool) => pool.id === id)?.name ?? id;
  for (const line of invoice.lines) {
    const cells = writeLine(builder, line, money, invoice.period.timeZone, poolName);
    const amount = liveOrValue(cells.amount, line.amount, money, "");
    const row = builder.add("total", {
      line: line.id,
      step: "Line amount",
      amount: amount.cell,
      ...(amount.note === "" ? {} : { note: amount.note }),
    });
    lines.push({ name: line.id, cell: `E${row}`, value: line.amount });
    nets.open(line.id, `E${row}`, line.amount);
    if (cells.quantity !== undefined)
      quantities.push({ name: line.id, cell: cells.quantity, value: line.quantity ?? "" });
  }
  const subtotal = liveOrValue(
    lines.length === 0 ? "0" : `SUM(${lines.map((l) => l.cell).join(",")})`,
    invoice.subtotal,
    money,
    "The lines' amounts added up.",
  );
  const subtotalRow = builder.add("total", { step: "Subtotal", amount: subtotal.cell, note: subtotal.note });
  const context: AdjustmentContext = { builder, nets, invoice, money };
  const reductions = [
    ...writeDiscounts(context),
    ...writeCaps(context),
    ...writeCredits(context, "before_tax"),
  ];
  const net = liveOrValue(
    [`E${subtotalRow}`, ...reductions].join("+"),
    netOf(invoice),
    money,
    "The subtotal less discounts, caps and credits before tax.",
    [invoice.subtotal, ...reductionsOf(invoice)],
  );
  const netRow = builder.add("total", { step: "Net", amount: net.cell, note: net.note });
  const tax = invoice.tax === undefined ? undefined : writeTax(context, invoice.tax);
  // A total over a net (or tax) written as a value is a value too.
  const taxAdded = tax !== undefined && invoice.tax?.mode === "exclusive";
  const totalOperands = [...reductionsOf(invoice), netOf(invoice), ...(taxAdded ? tax.operands : [])];
  // Lines finer than the currency (rounding.lineDecimals): net + tax is the total before rounding, and
  // the total is that rounded to the currency, as ratecard rounds it (step 10½).
  const settle = invoice.rounding.total;
  // A progressive invoice's `rounding` is the period's so far; its own total before rounding is net + tax.
  const soFar = keepsPeriodRoundingSoFar(invoice);
  const ownBefore = sumAsWritten([
    netOf(invoice),
    ...(taxAdded && invoice.tax !== undefined ? [invoice.tax.total] : []),
  ]);
  const total = liveOrValue(
    taxAdded ? `E${netRow}+${tax.cell}` : `E${netRow}`,
    soFar ? ownBefore : (settle?.before ?? invoice.total),
    money,
    invoice.tax?.mode === "exclusive" ? "Net + tax." : "The net (tax, if any, is included in it).",
    totalOperands,
  );
  let totalRow = builder.add("total", {
    step: settle === undefined ? "Total" : "Total before rounding",
    amount: total.cell,
    note: total.note,
  });
  const summed = [`E${netRow}`, ...(taxAdded ? [tax.cell] : [])];
  if (soFar)
    totalRow = periodSoFarTotal(builder, invoice, {
      formula: `E${totalRow}`,
      before: ownBefore,
      operands: totalOperands,
    });
  else if (settle !== undefined) {
    const rounded = settled(
      `E${totalRow}`,
      invoice.total,
      summed,
      [...totalOperands, settle.before],
      invoice,
      "The total before rounding",
    );
    totalRow = builder.add("total", { step: "Total", amount: rounded.cell, note: rounded.note });
  }
  const totals: WorkbookFigure[] = [
    { name: "subtotal", cell: `E${subtotalRow}`, value: invoice.subtotal },
    ...(tax === undefined || invoice.tax === undefined
      ? []
      : [{ name: "tax", cell: tax.cell, value: invoice.tax.total }]),
    { name: "total", cell: `E${totalRow}`, value: invoice.total },
  ];
  const afterTax = writeCredits(context, "after_tax");
  if (invoice.amountDue !== undefined) {
    // A progressive or closing invoice's amount due is the period's so far less what the earlier invoices
    // made due: what a total below zero leaves out depends on the period so far, not on this total alone
    // (belowZeroNotDue), so it is a value: invoice 1 at -20.00, the close at 50.00, -20.00.
    const notDue = toPlainString(belowZeroNotDue(invoice).amount);
    const progressive = invoice.progressive !== undefined;
    const ownTotal = notDue === "0" ? `E${totalRow}` : `E${totalRow}+(${notDue})`;
    const dueFormula = [progressive ? ownTotal : `MAX(0,E${totalRow})`, ...afterTax].join("+");
    const paidAfterTax = (invoice.credits ?? [])
      .filter((credit) => credit.stage === "after_tax")
      .map((credit) => credit.applied);
    // and so is an amount due over a total written as a value (MAX in a spreadsheet skips text)
    const dueOperands = [invoice.total, ...totalOperands, ...(progressive ? [notDue] : []), ...paidAfterTax];
    const note = progressive
      ? `The total, plus ${notDue} that a total of the period below zero leaves out (max(0, −the period so far) − max(0, −the period before this invoice)), less credits after tax`
      : "The total (a negative total owes nothing) less credits after tax";
    const due =
      settle === undefined
        ? liveOrValue(dueFormula, invoice.amountDue!, money, `${note}.`, dueOperands)
        : settled(
            `(${dueFormula})`,
            invoice.amountDue!,
            [`E${totalRow}`, ...afterTax],
            dueOperands,
            invoice,
            note,
          );
    // After earlier invoices of the period, with lines finer than the currency, the period's amount due so
    // far is rounded and what they made due taken off (periodSoFarAmountDue), as the total is: its own
    // part rounded alone can be a minor unit off (10.01 where the invoice is due 10.00).
    const ownDueBefore = [notDue, ...paidAfterTax].reduce(
      (sum, figure) => sum.plus(figure),
      new Decimal(invoice.total),
    );
    const dueRow = soFar
      ? periodSoFarAmountDue(builder, invoice, {
          formula: `(${dueFormula})`,
          before: toPlainString(ownDueBefore),
          operands: dueOperands,
        })
      : builder.add("total", { step: "Amount due", amount: due.cell, note: due.note });
    totals.push({ name: "amountDue", cell: `E${dueRow}`, value: invoice.amountDue });
  }
  // Why a progressive or closing invoice's amount due is not the total less the credits after tax when a
  // total below zero is the reason, in the text's words: the sheet adds that part as a value (step 5 of
  // the waterfall), and only the sentences say which total below zero it is (docs/explain.md).
  for (const sentence of belowZeroDueWords(invoice, invoiceMoneyStyle(invoice)))
    builder.add("step", { step: "Why this amount due", note: sentence });
  // What an invoice below zero owes the customer, in the text's words, under the figures it follows
  // from: the sheet shows a total of -30.00 and an amount due of -15.00, and only the sentence says that
  // 25.00 is owed, and of what (docs/explain.md, "Excel workbook").
  for (const sentence of owedWords(invoice))
    builder.add("step", { step: "Owed to the customer", note: sentence });
  return {
    sheet: "Invoice",
    columns: COLUMNS.map(({ header, width }) => ({ header, width })),
    rows: builder.rows(),
    lines,
    quantities,
    totals,
  };
}

// The invoice's net before tax: the subtotal with every discount, cap and credit before tax.
function netOf(invoice: Invoice): string {
  return sumAsWritten([invoice.subtotal, ...reductionsOf(invoice)]);
}

// Amounts added up and written with as many decimals as the most precise of them, trailing zeros kept:
// a cell too long for a formula shows this text, and 1111111101110.70 must not read 1111111101110.7
// beside the invoice's own figures (FC_SEED=1004 of calc.property found it).
function sumAsWritten(amounts: ReadonlyArray<string>): string {
  const sum = amounts.reduce((total, amount) => total.plus(amount), new Decimal(0));
  return toFixedString(sum, Math.max(...amounts.map(decimalsOfText)));
}

// The amounts that take the subtotal to the net: discounts, caps and credits before tax.
function reductionsOf(invoice: Invoice): string[] {
  return [
    ...(invoice.discounts ?? []).map((discount) => discount.amount),
    ...(invoice.commitments ?? []).flatMap((commitment) =>
      commitment.cap === undefined ? [] : [commitment.cap],
    ),
    ...(invoice.credits ?? [])
      .filter((credit) => credit.stage === "before_tax")
      .map((credit) => credit.applied),
  ];
}

/**
 * The row of a figure rounded to the currency's own minor units when lines are finer (the total, and the
 * amount due after credits that may leave finer decimals): `x` rounded in the contract's mode, in the
 * currency's format; `exact` is the invoice's rounded figure, written instead when a figure it is
 * computed from is beyond a spreadsheet's digits.
 */
function settled(
  x: string,
  exact: string,
  summed: ReadonlyArray<string>,
  operands: ReadonlyArray<string>,
  invoice: Invoice,
  what: string,
) {
  const { mode, total } = invoice.rounding;
  const minorUnits = total!.minorUnits;
  return liveOrValue(
    roundingFormula(x, minorUnits, mode, toleranceOf(summed)),
    exact,
    moneyFormat(minorUnits),
    `${what}, rounded ${roundingModeWords(mode)} to the currency's ${minorUnits} decimals (the lines keep ${invoice.currency.minorUnits}).`,
    operands,
  );
}
