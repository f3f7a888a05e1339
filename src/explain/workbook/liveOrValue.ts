import { formulaCell } from "./sheetBuilder.js";
import { fitsSpreadsheetAsWritten } from "./significantDigits.js";
import type { WorkbookCell } from "./workbookTypes.js";

/** A cell and the words to put beside it. */
export interface CellWithNote {
  readonly cell: WorkbookCell;
  readonly note: string;
}

/**
 * A formula for a figure whose exact value (ratecard's), and the exact values of the `operands` it is
 * computed from, a spreadsheet can hold; otherwise that value,
 * as text, and the words that say why: a sum of doubles cannot land on a figure of more than 14
 * significant digits (32399544849.02391483 in a currency of 8 decimals).
 */
export function liveOrValue(
  formula: string,
  exact: string,
  format: string,
  note: string,
  operands: ReadonlyArray<string> = [],
): CellWithNote {
  return fitsSpreadsheetAsWritten(exact) && operands.every(fitsSpreadsheetAsWritten)
    ? { cell: formulaCell(formula, format), note }
    : {
        cell: { kind: "text", text: exact },
        note: `ratecard's exact value, not a formula: it (or a figure it is computed from) has more than the 14 significant digits a spreadsheet computes with reliably (it keeps 15).`,
      };
}
