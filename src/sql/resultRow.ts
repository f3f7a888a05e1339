import type { SqlDialect } from "./dialect.js";

/**
 * The columns of every row the queries return (docs/sql-engines.md, "The result rows"); a query compiled
 * `perCustomer` adds `c`, the row's customer, and every query ends with `r`, its count of rows
 * ({@link countedRows}).
 */
export const RESULT_COLUMNS = ["kind", "m", "gi", "g", "w", "n", "a", "b", "t"] as const;

/** What one result row selects, column by column (SQL expressions; absent columns are NULL). */
export interface RowParts {
  readonly kind: string;
  readonly m?: string | undefined;
  readonly gi?: string | undefined;
  readonly g?: ReadonlyArray<string>;
  readonly w?: string | undefined;
  readonly n?: string;
  readonly a?: string;
  readonly b?: string;
  readonly t?: string;
  /** The customer's column, in a query per customer. */
  readonly c?: string | undefined;
}

// One result row's select list, typed alike in every branch of the UNION ALL. The group values go in
// one text column as a list of kind and text pairs, joined with a separator no kind letter contains.
export function rowBuilder(dialect: SqlDialect, perCustomer: boolean) {
  const text = (expression: string | undefined) => dialect.asText(expression ?? "NULL");
  const integer = (expression: string | undefined) => dialect.asInteger(expression ?? "NULL");
  return (parts: RowParts) => {
    const group = groupText(parts.g ?? [], dialect);
    return [
      `${text(`'${parts.kind}'`)} AS kind`,
      `${integer(parts.m)} AS m`,
      `${integer(parts.gi)} AS gi`,
      `${text(group)} AS g`,
      `${text(parts.w)} AS w`,
      `${integer(parts.n)} AS n`,
      `${text(parts.a)} AS a`,
      `${text(parts.b)} AS b`,
      `${integer(parts.t)} AS t`,
      ...(perCustomer ? [`${text(parts.c)} AS c`] : []),
    ].join(", ");
  };
}

// The group's kinds and texts as one JSON array of text ([kind, text, kind, text…]); NULL for a total.
function groupText(keys: ReadonlyArray<string>, dialect: SqlDialect): string | undefined {
  return keys.length === 0 ? undefined : dialect.jsonArray(keys);
}

/**
 * The query's rows (the selects, joined by UNION ALL), each with how many rows the query returns, in a
 * last column `r`: a result cut by a client's row limit (a SQL console's first 1,000 rows, a LIMIT a BI
 * tool adds) is then refused (sqlRowCount.ts) wherever it was cut, the `read` row included, where the
 * rows left out were billed as no usage. A window over the few rows of the result, not over the events.
 */
export function countedRows(
  selects: ReadonlyArray<string>,
  dialect: SqlDialect,
  perCustomer: boolean,
): string {
  const columns = [...RESULT_COLUMNS, ...(perCustomer ? ["c"] : [])].join(", ");
  return `SELECT ${columns}, ${dialect.asInteger("COUNT(*) OVER ()")} AS r FROM (${selects.join("\nUNION ALL\n")}) res`;
}
