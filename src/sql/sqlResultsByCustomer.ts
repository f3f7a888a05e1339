import { InputError, sqlMessages, UsageError } from "../errors/index.js";
import { resultLists } from "./resultLists.js";
import { checkRowCount } from "./sqlRowCount.js";

/**
 * The results of queries compiled with `perCustomer` (`compileUsageSql`), split by the customer each row
 * names (column `c`): for each customer, one list of rows per query, in the queries' order, ready for
 * `usageAggregatesFromSql` with that customer's prepared rating. A customer the source has no event of
 * has no entry: rate it from empty lists (one per query), as a query of its own would have returned
 * nothing but counts of 0.
 * @throws UsageError `invalid_event` when events without a customer were read (they are nobody's to
 *   bill, and a query per customer refuses them too); InputError `sql_result` for a result that is not a
 *   list of rows, or a row that is not an object or names its customer with anything but text, or a
 *   query's result with fewer or more rows than the query returns (column `r`: a client's row limit)
 * @example sqlResultsByCustomer([[{ kind: "read", n: 3, c: "cus_a" }]]).get("cus_a") // [[{ kind: "read", n: 3, c: "cus_a" }]]
 */
export function sqlResultsByCustomer(
  results: ReadonlyArray<ReadonlyArray<unknown>>,
): ReadonlyMap<string, unknown[][]> {
  const split = new Map<string, unknown[][]>();
  for (const [query, rows] of resultLists(results).entries()) {
    // Every row's `r` counts the whole result's rows: a customer whose rows a row limit cut off entirely
    // would be rated from no rows, so the count is checked here, before the split.
    checkRowCount(rows, query, `results[${query}]`);
    for (const [at, row] of rows.entries()) {
      const customer = customerOf(row, query, at);
      if (customer === null) {
        refuseWithoutCustomer(row);
        continue;
      }
      const own = split.get(customer) ?? results.map((): unknown[] => []);
      split.set(customer, own);
      (own[query] as unknown[]).push(row);
    }
  }
  return split;
}

function customerOf(row: unknown, query: number, at: number): string | null {
  const customer = typeof row === "object" && row !== null ? (row as { c?: unknown }).c : undefined;
  if (typeof customer === "string" && customer !== "") return customer;
  if (customer === null || customer === "") return null;
  throw InputError.from(
    sqlMessages.sqlUnexpectedRow(`query ${query + 1}, row ${at + 1}: no customer in column c`),
    `results[${query}][${at}].c`,
  );
}

// A row of events read without a customer: its "malformed" count says how many, and the first id.
function refuseWithoutCustomer(row: unknown): void {
  const { kind, n, b } = row as { kind?: unknown; n?: unknown; b?: unknown };
  const events = Number(n ?? 0);
  if (kind !== "malformed" || !(events > 0)) return;
  throw UsageError.from(sqlMessages.sqlMalformedEvents(events, typeof b === "string" ? b : null), "", {
    events,
  });
}
