import { fitsSpreadsheet } from "./significantDigits.js";
import { formulaCell } from "./sheetBuilder.js";
import type { WorkbookCell } from "./workbookTypes.js";

/** A cell and the words to put beside it. */
export interface CellWithNote {
  readonly cell: WorkbookCell;
  readonly note: string;
}

/**
 * A formula for a figure whose exact value (ratecard's) a spreadsheet can hold; otherwise that value,
 * as text, and the words that say why: a sum of doubles cannot land on a figure of more than 15
 * significant digits (32399544849.02391483 in a currency of 8 decimals).
 */
export function liveOrValue(formula: string, exact: string, format: string, note: string): CellWithNote {
  return fitsSpreadsheet(exact)
    ? { cell: formulaCell(formula, format), note }
    : {
        cell: { kind: "text", text: exact },
        note: `ratecard's exact value: it has more than 15 significant digits, beyond what a spreadsheet keeps, so it is not a formula.`,
      };
}
