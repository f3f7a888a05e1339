import { FOCUS_COLUMNS, type FocusRow } from "./focusColumns.js";
import { readFocusRows } from "./readFocusRows.js";

/**
 * FOCUS rows as CSV (RFC 4180): a header of the column ids in {@link FOCUS_COLUMNS} order, one record
 * per row, CRLF line ends, null as an empty field, and a field quoted (its quotes doubled) when it
 * holds a comma, a quote, a line break or starts or ends with a space. Same rows, same bytes.
 * @throws InputError `invalid_argument` at `rows` (or `rows[i]`) for rows that are not a list of objects;
 *   `missing_field` (a column left out), `unknown_field` (a column that is not in FOCUS_COLUMNS) or
 *   `invalid_field` (a value that is neither text nor null) at `rows[i].Column`
 * @example focusCsv([]) // "BilledCost,BillingAccountId,…,x_LineId\r\n"
 */
export function focusCsv(rows: ReadonlyArray<FocusRow>): string {
  const records = [
    FOCUS_COLUMNS.join(","),
    ...readFocusRows(rows).map((row) => FOCUS_COLUMNS.map((c) => field(row[c])).join(",")),
  ];
  return `${records.join("\r\n")}\r\n`;
}

function field(value: string | null): string {
  if (value === null) return "";
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
