import { InputError, sqlMessages } from "../errors/index.js";

/**
 * Refuses the rows of query `query` (at `path`) when their count is not the one each row says the query
 * returns (column `r`, resultRow.ts `countedRows`): fewer, most often a client's row limit (a SQL
 * console's first 1,000 rows, a LIMIT a BI tool added), which billed the rows left out as no usage
 * without a word; more, rows of another run or repeated. Rows without `r` (compiled by an earlier
 * ratecard, or written by hand) are read as before.
 * @throws InputError `sql_result` at `path`
 */
export function checkRowCount(rows: ReadonlyArray<unknown>, query: number, path: string): void {
  rows.forEach((row, at) => {
    const returned = countOf(row, query, at);
    if (returned !== undefined && returned !== rows.length)
      throw InputError.from(sqlMessages.sqlRowCount(path, query, rows.length, returned), path);
  });
}

// The row's `r`: a number (PGlite), a bigint (DuckDB) or text of digits (ClickHouse's JSON); undefined
// without one. Anything else is refused by name: JavaScript's Number() would read true as 1, [3] as 3
// and "" or [] as 0, a count no engine returns.
function countOf(row: unknown, query: number, at: number): number | undefined {
  const r = typeof row === "object" && row !== null ? (row as { r?: unknown }).r : undefined;
  if (r === undefined || r === null) return undefined;
  const count =
    typeof r === "number" || typeof r === "bigint"
      ? Number(r)
      : typeof r === "string" && /^\d+$/.test(r)
        ? Number(r)
        : Number.NaN;
  if (Number.isSafeInteger(count) && count >= 0) return count;
  throw InputError.from(
    sqlMessages.sqlUnexpectedRow(
      `query ${query + 1}, row ${at + 1}: r ${shown(r)}, not a count of rows (a whole number, 0 or more)`,
    ),
    `results[${query}][${at}].r`,
  );
}

// The refused count as it was given: text quoted, a bigint with its n, a list or an object by its kind.
function shown(r: unknown): string {
  if (typeof r === "bigint") return `${r}n`;
  if (typeof r === "string") return JSON.stringify(r);
  if (Array.isArray(r)) return "a list";
  if (typeof r === "object") return "an object";
  return typeof r === "number" || typeof r === "boolean" ? String(r) : `a ${typeof r}`;
}
