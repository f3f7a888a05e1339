import { InputError, sqlMessages } from "../errors/index.js";
import { aggregatedPeriods, madeForOf, type PreparedRating } from "../invoice/index.js";
import { formatInstant } from "../time/index.js";

/**
 * What a compiled query was compiled for, carried in its `read` row (column `a`) so that its rows are
 * read only with a prepared rating that would compile the same query: the query's place among the
 * queries, the start of the `madeFor` digests of the period's cut and of each meter (its definition and
 * what the charges ask of it), and whether it returns daily states. Neither the customer nor the contract's id: a query
 * compiled `perCustomer` serves every contract with the same meters and period. Made from digests
 * already worked out once per prepared rating, so reading rows hashes nothing.
 */
interface QueryStamp {
  readonly query: number;
  readonly period: string;
  readonly meters: ReadonlyArray<readonly [string, string]>;
  /** Whether the query returns each sum's and count's state per local day (`daily`). */
  readonly daily: boolean;
}

// 16 hexadecimal digits of each SHA-256: 64 bits, enough to tell one version of a contract from another.
const short = (digest: string) => digest.replace(/^sha256:/, "").slice(0, 16);

function stampOf(prepared: PreparedRating, query: number): QueryStamp {
  const madeFor = madeForOf(prepared);
  return {
    query,
    period: short(madeFor.period),
    meters: madeFor.meters.map((entry) => [entry.meter, short(entry.digest)] as const),
    daily: prepared.options.daily === true,
  };
}

/** The stamp of query `query` (0 the whole period, then each piece) of the prepared rating, as text. */
export function queryStampText(prepared: PreparedRating, query: number): string {
  return JSON.stringify(stampOf(prepared, query));
}

/**
 * Refuses the rows of query `query` when their `read` row says they were compiled for another query
 * (`sql_result`), another cut of the period or other meters than the prepared rating's
 * (`aggregates_mismatch`), or without the daily states a daily rating asks for (`aggregates_mismatch`:
 * its usage report showed 0 on every day), all at `results[query]`: rated, such rows bill other usage without a word (a
 * meter added before another read the other's state by its place; February's rows rated March). Rows
 * without a stamp (`null`: compiled before 7 December 2026) are read as before.
 */
export function checkQueryStamp(prepared: PreparedRating, query: number, text: string | null): void {
  if (text === null) return;
  const path = `results[${query}]`;
  const found = parsed(text);
  if (found === undefined)
    throw InputError.from(sqlMessages.sqlUnexpectedRow(`query ${query + 1}: a read row of ${text}`), path);
  const expected = stampOf(prepared, query);
  if (found.query !== query)
    throw InputError.from(sqlMessages.sqlRowsOfAnotherQuery(found.query, query), path);
  if (found.period !== expected.period) {
    const { start, end } = aggregatedPeriods(prepared)[query] ?? prepared.period.service;
    const period = `${formatInstant(start)} to ${formatInstant(end)} (${prepared.contract.timeZone})`;
    throw InputError.from(sqlMessages.sqlRowsForAnotherPeriod(query, period), path);
  }
  // Daily states the rating does not ask for are left unread, as the in-memory engine's would be.
  if (expected.daily && !found.daily) throw InputError.from(sqlMessages.sqlRowsWithoutDaily(query), path);
  const ids = (stamp: QueryStamp) => stamp.meters.map(([meter]) => meter);
  const same = JSON.stringify(found.meters) === JSON.stringify(expected.meters);
  if (!same) {
    const changed = found.meters.find(
      ([meter, digest], index) =>
        expected.meters[index]?.[0] === meter && expected.meters[index]?.[1] !== digest,
    );
    throw InputError.from(
      sqlMessages.sqlRowsForOtherMeters(query, ids(found), ids(expected), changed?.[0]),
      path,
    );
  }
}

function parsed(text: string): QueryStamp | undefined {
  try {
    const value: unknown = JSON.parse(text);
    const { query, period, meters, daily } = (value ?? {}) as Partial<QueryStamp>;
    const pairs =
      Array.isArray(meters) &&
      meters.every(
        (pair) => Array.isArray(pair) && pair.length === 2 && pair.every((part) => typeof part === "string"),
      );
    return typeof query === "number" && typeof period === "string" && pairs && typeof daily === "boolean"
      ? { query, period, meters: meters as QueryStamp["meters"], daily }
      : undefined;
  } catch {
    return undefined;
  }
}
