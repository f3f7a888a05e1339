import { fitsSpreadsheet } from "./significantDigits.js";
import type { WorkbookCell, WorkbookRow, WorkbookRowStyle } from "./workbookTypes.js";

/** The sheet's columns: what each holds, by letter. */
export const COLUMNS = [
  { letter: "A", header: "Line", width: 28 },
  { letter: "B", header: "Step", width: 44 },
  { letter: "C", header: "Quantity", width: 18 },
  { letter: "D", header: "Price, rate or ratio", width: 18 },
  { letter: "E", header: "Amount", width: 16 },
  { letter: "F", header: "How", width: 90 },
] as const;

/** The cells of one row, by column letter; C to E may be numbers, formulas or text. */
export interface RowCells {
  readonly line?: string;
  readonly step: string;
  readonly quantity?: WorkbookCell;
  readonly price?: WorkbookCell;
  readonly amount?: WorkbookCell;
  readonly note?: string;
}

/**
 * Collects rows and hands out their A1 addresses, so a formula can name the cells of rows written
 * before it. Local to one `invoiceWorkbook` call: its mutation never escapes.
 */
export class SheetBuilder {
  readonly #rows: WorkbookRow[] = [];

  /** Adds a row and returns its 1-based sheet row number (row 1 is the header). */
  add(style: WorkbookRowStyle, cells: RowCells): number {
    const row = this.#rows.length + 2;
    const text = (value: string | undefined): WorkbookCell | undefined =>
      value === undefined ? undefined : { kind: "text", text: value };
    // "{row}" in a formula names the row's own number: C{row}*D{row} multiplies its quantity and price.
    const own = (cell: WorkbookCell | undefined): WorkbookCell | undefined =>
      cell?.kind === "formula" ? { ...cell, formula: cell.formula.replaceAll("{row}", String(row)) } : cell;
    this.#rows.push({
      style,
      cells: [
        text(cells.line),
        text(cells.step),
        own(cells.quantity),
        own(cells.price),
        own(cells.amount),
        text(cells.note),
      ],
    });
    return row;
  }

  /** The rows added so far, in order. */
  rows(): ReadonlyArray<WorkbookRow> {
    return [...this.#rows];
  }
}

/** A number cell (decimal text), with an optional display format. */
export function numberCell(value: string, format?: string): WorkbookCell {
  return format === undefined ? { kind: "number", value } : { kind: "number", value, format };
}

/**
 * A value ratecard computed: a number when a spreadsheet computes with it reliably (14 significant digits),
 * otherwise its exact digits as text, which no formula adds up.
 */
export function exactValue(plain: string, format?: string): WorkbookCell {
  return fitsSpreadsheet(plain) ? numberCell(plain, format) : { kind: "text", text: plain };
}

/** A formula cell (without the leading "="), with an optional display format. */
export function formulaCell(formula: string, format?: string): WorkbookCell {
  return format === undefined ? { kind: "formula", formula } : { kind: "formula", formula, format };
}

/** The display format of an amount in a currency of `minorUnits` decimals: "0.00" for 2, "0" for 0. */
export function moneyFormat(minorUnits: number): string {
  return minorUnits === 0 ? "#,##0" : `#,##0.${"0".repeat(minorUnits)}`;
}
