import { InputError, sqlMessages } from "../errors/index.js";

/**
 * The results of the compiled queries as one list of rows per query, as the engines' clients hand them
 * over. A result that is not a list is refused (`sql_result` at `results` or `results[i]`): most often a
 * client's whole result object, PGlite's or node-postgres's `{ rows, fields }`, where its `rows` were
 * meant; before, it failed as `(results[index] ?? []).map is not a function`, a TypeError naming
 * ratecard's code rather than the caller's value.
 * @throws InputError `sql_result` when `results`, or one query's result, is not a list
 */
export function resultLists(results: unknown): ReadonlyArray<ReadonlyArray<unknown>> {
  if (!Array.isArray(results))
    throw InputError.from(sqlMessages.sqlResultNotList("results", results), "results");
  const other = results.findIndex((rows) => !Array.isArray(rows));
  if (other >= 0)
    throw InputError.from(
      sqlMessages.sqlResultNotList(`results[${other}]`, results[other]),
      `results[${other}]`,
    );
  return results as ReadonlyArray<ReadonlyArray<unknown>>;
}
