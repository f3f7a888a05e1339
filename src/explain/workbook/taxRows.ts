import type { InvoiceTax } from "../../schema/index.js";
import type { AdjustmentContext } from "./adjustmentRows.js";
import { roundingFormula } from "./roundingFormula.js";
import { liveOrValue } from "./liveOrValue.js";
import { fitsSpreadsheet } from "./significantDigits.js";
import { formulaCell, numberCell } from "./sheetBuilder.js";

/**
 * The tax: per rate, one row per line it applies to (the line's net × percent ÷ 100, or for inclusive
 * prices ÷ (100 + every percent on the line)), rounded per line or once per rate as the invoice says.
 * Returns the cell of the tax total.
 */
export function writeTax(context: AdjustmentContext, tax: InvoiceTax): string {
  const { builder, nets, invoice, money } = context;
  const minor = invoice.currency.minorUnits;
  const mode = invoice.rounding.mode;
  const relieved = tax.notes.length > 0 && tax.rates.every((rate) => rate.lines.every((l) => Number(l.exact) === 0));
  // Every percent applying to a line: an inclusive price holds them all.
  const together = (line: string) =>
    tax.rates.filter((rate) => rate.lines.some((l) => l.line === line)).map((rate) => rate.percent).join("+");
  const rateCells = tax.rates.map((rate) => {
    const lineCells = rate.lines.map((share) => {
      const live = nets.exactOf([share.line]).equals(share.base) && fitsSpreadsheet(share.base);
      const exact = relieved
        ? "0"
        : tax.mode === "exclusive"
          ? "C{row}*D{row}/100"
          : `C{row}*D{row}/(100+${together(share.line)})`;
      const row = builder.add("step", {
        line: share.line,
        step: `${rate.name} on the line's net`,
        quantity: live ? formulaCell(nets.formulaOf([share.line]), money) : numberCell(share.base, money),
        price: numberCell(rate.percent),
        amount:
          tax.rounding === "per_line"
            ? liveOrValue(roundingFormula(`(${exact})`, minor, mode), share.rounded ?? "0", money, "").cell
            : formulaCell(exact),
        note: `${relieved ? `${tax.notes.join(" ")}: no tax. ` : ""}${live ? "C: the line's net" : "C: the line's net as ratecard computed it (a value)"}; ${tax.mode}${tax.rounding === "per_line" ? ", rounded on its own" : ", exact (the rate's total is rounded once)"}.`,
      });
      return `E${row}`;
    });
    const sum = lineCells.length === 0 ? "0" : `SUM(${lineCells.join(",")})`;
    const amount = liveOrValue(
      tax.rounding === "per_line" ? sum : roundingFormula(`(${sum})`, minor, mode),
      rate.amount,
      money,
      tax.rounding === "per_line" ? "The lines' rounded taxes added up." : "The lines' exact taxes added up, rounded once.",
    );
    const row = builder.add("step", { step: `Tax ${rate.name} (${rate.percent} %)`, amount: amount.cell, note: amount.note });
    return `E${row}`;
  });
  const total = liveOrValue(
    rateCells.length === 0 ? "0" : `SUM(${rateCells.join(",")})`,
    tax.total,
    money,
    tax.mode === "inclusive" ? "Included in the prices: part of the total, not added to it." : "Added to the net.",
  );
  const row = builder.add("total", { step: "Tax", amount: total.cell, note: total.note });
  return `E${row}`;
}
