/**
 * One cell of the invoice workbook: text, a number written as a value, or a live formula.
 * Numbers travel as decimal text (never a float) so the writer chooses how to store them.
 */
export type WorkbookCell =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "number"; readonly value: string; readonly format?: string }
  | { readonly kind: "formula"; readonly formula: string; readonly format?: string };

/** How a row reads: a line's heading, an input a person may change, a total, or an ordinary step. */
export type WorkbookRowStyle = "heading" | "input" | "total" | "step";

/** One row of the sheet: its cells from column A on (undefined leaves a cell empty). */
export interface WorkbookRow {
  readonly style: WorkbookRowStyle;
  readonly cells: ReadonlyArray<WorkbookCell | undefined>;
}

/** A cell of the sheet that holds one of the invoice's figures, by its A1 address. */
export interface WorkbookFigure {
  /** The line id, or the invoice field (`subtotal`, `tax`, `total`, `amountDue`). */
  readonly name: string;
  /** The A1 address of the cell, on the workbook's one sheet. */
  readonly cell: string;
  /** The invoice's own value of the figure, exact, as ratecard wrote it. */
  readonly value: string;
}

/**
 * The invoice as a spreadsheet of live formulas (docs/explain.md, "Excel workbook"): one sheet whose
 * rows are the lines' steps and the invoice's adjustments, ready for a writer such as exceljs.
 * Formulas use Excel's English function names and A1 references; no cell holds a cached result.
 */
export interface InvoiceWorkbook {
  /** The sheet's name. */
  readonly sheet: string;
  /** The column headers and widths (in characters), from column A on. */
  readonly columns: ReadonlyArray<{ readonly header: string; readonly width: number }>;
  /** The rows from row 2 on (row 1 holds the column headers). */
  readonly rows: ReadonlyArray<WorkbookRow>;
  /** Each line's amount cell, in invoice order. */
  readonly lines: ReadonlyArray<WorkbookFigure>;
  /** The quantity cells a person may change to re-rate a line (one per line that has one). */
  readonly quantities: ReadonlyArray<WorkbookFigure>;
  /** The subtotal, the tax (when the invoice has tax), the total and (when it has one) the amount due. */
  readonly totals: ReadonlyArray<WorkbookFigure>;
}
