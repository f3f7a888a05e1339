import { Decimal, toPlainString } from "../../money/index.js";
import type { InvoiceTax } from "../../schema/index.js";
import type { AdjustmentContext } from "./adjustmentRows.js";
import { liveOrValue } from "./liveOrValue.js";
import { roundingFormula, toleranceOf, tooCloseToRound } from "./roundingFormula.js";
import { exactValue, formulaCell, numberCell } from "./sheetBuilder.js";

// The exact sum of the lines' exact taxes: what a per-invoice rate rounds.
function exactSum(values: ReadonlyArray<string>): string {
  return toPlainString(values.reduce((sum, value) => sum.plus(value), new Decimal(0)));
}

// True when `amount` has no digit below the currency's minor unit.
function atMinorUnit(amount: string, minor: number): boolean {
  return new Decimal(amount).decimalPlaces() <= minor;
}

/**
 * The tax total's cell, and the exact values of every figure it was computed from: a figure over the tax
 * (the invoice's total, its amount due) is a value, not a formula, when any of them is beyond what a
 * spreadsheet holds, for then some cell under the tax was written as a value, and SUM skips text.
 */
export interface TaxCell {
  readonly cell: string;
  readonly operands: ReadonlyArray<string>;
}

/**
 * The tax: per rate, one row per line it applies to (the line's net × percent ÷ 100, or for inclusive
 * prices ÷ (100 + every percent on the line)), rounded per line or once per rate as the invoice says.
 */
export function writeTax(context: AdjustmentContext, tax: InvoiceTax): TaxCell {
  const { builder, nets, invoice, money } = context;
  const minor = invoice.currency.minorUnits;
  if (minor > LIVE_TAX_DECIMALS) return { cell: writeTaxValues(context, tax), operands: [tax.total] };
  const mode = invoice.rounding.mode;
  const relieved =
    tax.notes.length > 0 && tax.rates.every((rate) => rate.lines.every((l) => Number(l.exact) === 0));
  // Every percent applying to a line: an inclusive price holds them all.
  const together = (line: string) =>
    tax.rates
      .filter((rate) => rate.lines.some((l) => l.line === line))
      .map((rate) => rate.percent)
      .join("+");
  // Whether a cell rounding this exact tax is live only if the exact value fits a spreadsheet.
  const exactNeeded = (exact: string) => tax.mode === "exclusive" || tooCloseToRound(exact, minor);
  const rateCells = tax.rates.map((rate) => {
    const lineCells = rate.lines.map((share) => {
      const live = nets.gives([share.line], share.base);
      // The net is money at the minor unit, but a net computed by formulas (a line less its discounts
      // and commitments, in doubles) carries noise of the size of the amounts it came from, enough to
      // cross a rounding boundary of a small tax: the sheet rounds it back to what it is.
      const net = atMinorUnit(share.base, minor) ? `ROUND(C{row},${minor})` : "C{row}";
      const exact = relieved
        ? "0"
        : tax.mode === "exclusive"
          ? `${net}*D{row}/100`
          : `${net}*D{row}/(100+${together(share.line)})`;
      const row = builder.add("step", {
        line: share.line,
        step: `${rate.name} on the line's net`,
        quantity: live ? formulaCell(nets.formulaOf([share.line]), money) : numberCell(share.base, money),
        price: numberCell(rate.percent),
        amount:
          tax.rounding === "per_line"
            ? liveOrValue(
                roundingFormula(`(${exact})`, minor, mode, `5E-15*ABS(${exact})`),
                share.rounded ?? "0",
                money,
                "",
                // An exclusive tax ends, and must fit to round right at a tie. A quotient by 100 + the
                // percents (inclusive prices) may not end: its double rounds right unless it lies a hair
                // from a minor unit or a tie, where the formula would take it as on one.
                exactNeeded(share.exact) ? [share.exact] : [],
              ).cell
            : formulaCell(exact),
        note: `${relieved ? `${tax.notes.join(" ")}: no tax. ` : ""}${live ? "C: the line's net" : "C: the line's net as ratecard computed it (a value)"}; ${tax.mode}${tax.rounding === "per_line" ? ", rounded on its own" : ", exact (the rate's total is rounded once)"}.`,
      });
      return `E${row}`;
    });
    const sum = lineCells.length === 0 ? "0" : `SUM(${lineCells.join(",")})`;
    // A rate over a line tax written as a value is a value too.
    const rateExact = exactSum(rate.lines.map((l) => l.exact));
    const operands =
      tax.rounding === "per_line"
        ? rate.lines.flatMap((l) => [l.rounded ?? "0", ...(exactNeeded(l.exact) ? [l.exact] : [])])
        : exactNeeded(rateExact)
          ? [rateExact]
          : [];
    const amount = liveOrValue(
      tax.rounding === "per_line" ? sum : roundingFormula(`(${sum})`, minor, mode, toleranceOf(lineCells)),
      rate.amount,
      money,
      tax.rounding === "per_line"
        ? "The lines' rounded taxes added up."
        : "The lines' exact taxes added up, rounded once.",
      operands,
    );
    const row = builder.add("step", {
      step: `Tax ${rate.name} (${rate.percent} %)`,
      amount: amount.cell,
      note: amount.note,
    });
    return { cell: `E${row}`, operands: [rate.amount, ...operands] };
  });
  // And the tax over a rate written as a value: SUM would skip its text and add up to less.
  const operands = [tax.total, ...rateCells.flatMap((rate) => rate.operands)];
  const total = liveOrValue(
    rateCells.length === 0 ? "0" : `SUM(${rateCells.map((rate) => rate.cell).join(",")})`,
    tax.total,
    money,
    tax.mode === "inclusive"
      ? "Included in the prices: part of the total, not added to it."
      : "Added to the net.",
    operands,
  );
  const row = builder.add("total", { step: "Tax", amount: total.cell, note: total.note });
  return { cell: `E${row}`, operands };
}

/**
 * The most decimals of a currency whose tax the sheet computes live. On generated contracts in custom
 * units of 6 and 8 decimals, Calc's per-line taxes landed a minor unit away from ratecard's (for
 * example 0.007893 for 0.007891), a gap not yet explained (docs/explain.md, "Excel workbook"); their tax
 * is written as ratecard's values, marked, until it is.
 */
const LIVE_TAX_DECIMALS = 4;

// The tax as ratecard's values, each marked: for currencies of more than LIVE_TAX_DECIMALS decimals.
function writeTaxValues(context: AdjustmentContext, tax: InvoiceTax): string {
  const { builder, money } = context;
  const note = `A value: the tax of a currency of more than ${LIVE_TAX_DECIMALS} decimals is ratecard's, not a formula.`;
  for (const rate of tax.rates) {
    for (const share of rate.lines)
      builder.add("step", {
        line: share.line,
        step: `${rate.name} on the line's net`,
        quantity: exactValue(share.base, money),
        price: exactValue(rate.percent),
        amount: exactValue(share.rounded ?? share.exact, share.rounded === undefined ? undefined : money),
        note,
      });
    builder.add("step", {
      step: `Tax ${rate.name} (${rate.percent} %)`,
      amount: exactValue(rate.amount, money),
      note,
    });
  }
  const row = builder.add("total", { step: "Tax", amount: exactValue(tax.total, money), note });
  return `E${row}`;
}
