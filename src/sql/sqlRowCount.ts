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

// The row's `r`: a number (PGlite), a bigint (DuckDB) or text (ClickHouse's JSON); undefined without one.
function countOf(row: unknown, query: number, at: number): number | undefined {
  const r = typeof row === "object" && row !== null ? (row as { r?: unknown }).r : undefined;
  if (r === undefined || r === null) return undefined;
  const count =
    typeof r === "string" && /^\d+$/.test(r) ? Number(r) : typeof r === "string" ? Number.NaN : Number(r);
  if (Number.isSafeInteger(count) && count >= 0) return count;
  throw InputError.from(
    sqlMessages.sqlUnexpectedRow(`query ${query + 1}, row ${at + 1}: a count of rows ${String(r)}`),
    `results[${query}][${at}].r`,
  );
}
