import type ExcelJS from "exceljs";
import type { InvoiceWorkbook, WorkbookCell } from "../index.js";
import { withFixedZipTimes } from "./zipTimestamps.js";

/** Options of {@link workbookBytes}. */
export interface WorkbookBytesOptions {
  /**
   * A result to store with every formula. ratecard stores none, so a spreadsheet must compute each
   * one; the tests store a wrong one to prove the engine they read back from recalculated.
   */
  readonly cachedResult?: number;
}

// A fixed date for the document properties: exceljs would otherwise stamp the time of writing, and
// the same invoice must give the same bytes.
const EPOCH = new Date(0);

const INPUT_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };

/**
 * The invoice workbook as .xlsx bytes, written with exceljs. Formulas are stored without cached
 * results (unless the options ask for one), so Excel and LibreOffice compute every cell on opening.
 */
export async function workbookBytes(
  book: InvoiceWorkbook,
  options: WorkbookBytesOptions = {},
): Promise<Uint8Array> {
  // Loaded when a workbook is written, not with every command: exceljs adds about 28 MB of resident
  // memory and 0.3 s of start-up to a process (a streamed invoice's peak memory included, issue 14).
  const { default: excel } = await import("exceljs");
  const workbook = new excel.Workbook();
  workbook.creator = "ratecard";
  workbook.created = EPOCH;
  workbook.modified = EPOCH;
  workbook.calcProperties.fullCalcOnLoad = true;
  const sheet = workbook.addWorksheet(book.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = book.columns.map((column) => ({ header: column.header, width: column.width }));
  sheet.getRow(1).font = { bold: true };
  book.rows.forEach((row, index) => {
    const sheetRow = sheet.getRow(index + 2);
    row.cells.forEach((cell, column) => {
      if (cell === undefined) return;
      const target = sheetRow.getCell(column + 1);
      target.value = cellValue(cell, options);
      if (cell.kind !== "text" && cell.format !== undefined) target.numFmt = cell.format;
    });
    if (row.style === "heading" || row.style === "total") sheetRow.font = { bold: true };
    if (row.style === "input") sheetRow.getCell(3).fill = INPUT_FILL;
  });
  return withFixedZipTimes(new Uint8Array(await workbook.xlsx.writeBuffer()));
}

function cellValue(cell: WorkbookCell, options: WorkbookBytesOptions): ExcelJS.CellValue {
  if (cell.kind === "text") return cell.text;
  // A number of at most 15 significant digits (the core writes longer ones as text): the nearest
  // double is the value a spreadsheet holds for it.
  if (cell.kind === "number") return Number(cell.value);
  return options.cachedResult === undefined
    ? { formula: cell.formula, date1904: false }
    : { formula: cell.formula, result: options.cachedResult, date1904: false };
}
