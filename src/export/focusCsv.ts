import { isRecord, requireArgument } from "../errors/index.js";
import { FOCUS_COLUMNS, type FocusRow } from "./focusColumns.js";

/**
 * FOCUS rows as CSV (RFC 4180): a header of the column ids in {@link FOCUS_COLUMNS} order, one record
 * per row, CRLF line ends, null as an empty field, and a field quoted (its quotes doubled) when it
 * holds a comma, a quote, a line break or starts or ends with a space. Same rows, same bytes.
 * @throws InputError `invalid_argument` at `rows` (or `rows[i]`) for rows that are not a list of objects
 * @example focusCsv([]) // "BilledCost,BillingAccountId,…,x_LineId\r\n"
 */
export function focusCsv(rows: ReadonlyArray<FocusRow>): string {
  requireArgument(Array.isArray(rows), "rows", rows, "rows", "a list of FOCUS rows, as focusRows returns");
  rows.forEach((row, index) => {
    requireArgument(isRecord(row), `rows[${index}]`, row, "row", "a FOCUS row, as focusRows returns");
  });
  const records = [
    FOCUS_COLUMNS.join(","),
    ...rows.map((row) => FOCUS_COLUMNS.map((c) => field(row[c])).join(",")),
  ];
  return `${records.join("\r\n")}\r\n`;
}

function field(value: string | null): string {
  if (value === null) return "";
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
