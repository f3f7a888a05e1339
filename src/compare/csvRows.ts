import type { CsvDelimiter } from "./csvDelimiter.js";

/**
 * Splits CSV text (RFC 4180: fields separated by `delimiter`, a comma unless told, double-quoted fields
 * with "" for a quote, CRLF or LF line ends) into rows of fields. Blank lines are skipped.
 * @returns the rows, or the 1-based line number of a quote left open
 */
export function csvRows(
  text: string,
  delimiter: CsvDelimiter = ",",
): { rows: string[][] } | { openQuoteAt: number } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== "") rows.push(row);
    row = [];
    field = "";
  };
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at] as string;
    if (quoted) {
      if (char === '"' && text[at + 1] === '"') {
        field += '"';
        at += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === "\n") line += 1;
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
      quoteLine = line;
    } else if (char === delimiter) {
      row.push(field);
      field = "";
    } else if (char === "\n") {
      endRow();
      line += 1;
    } else if (char !== "\r") field += char;
  }
  if (quoted) return { openQuoteAt: quoteLine };
  if (field !== "" || row.length > 0) endRow();
  return { rows };
}
