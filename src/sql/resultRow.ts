import type { SqlDialect } from "./dialect.js";

/**
 * The columns of every row the queries return (docs/sql-engines.md, "The result rows"); a query compiled
 * `perCustomer` adds a tenth, `c`, the row's customer.
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
