import { describeValue } from "../describeValue.js";
import type { ErrorMessage } from "./message.js";

// The sentences about usage aggregated by a SQL engine (DuckDB, ClickHouse, PostgreSQL): what the SQL
// compiler cannot express exactly, and results that are not what the compiled query returns.

/** A meter setting or rating option the SQL compiler does not compile (docs/sql-engines.md lists them). */
export function sqlUnsupported(what: string): ErrorMessage {
  return {
    code: "sql_unsupported",
    message: `The SQL engines cannot aggregate ${what} exactly yet; aggregate this contract with the in-memory engine (--engine memory), which supports it.`,
  };
}

/** A row of a SQL result that is not one the compiled query returns. */
export function sqlUnexpectedRow(problem: string): ErrorMessage {
  return {
    code: "sql_result",
    message: `The SQL engine returned a row the compiled query does not produce (${problem}); run the SQL ratecard compiled, unchanged, and pass its rows back as they come.`,
  };
}

/**
 * The results, or one query's, are not a list of rows: most often a client's whole result object
 * (PGlite's and node-postgres's `{ rows, fields }`) where its rows were meant.
 */
export function sqlResultNotList(path: string, value: unknown): ErrorMessage {
  const what = path === "results" ? "one list of rows per query" : "the list of rows that query returned";
  return {
    code: "sql_result",
    message: `${path} is ${describeValue(value)}, not ${what}: pass each query's rows as the engine's client returns them (PGlite's and node-postgres's result.rows, DuckDB's getRowObjectsJS(), ClickHouse's JSONEachRow objects), one list per query, in the queries' order.`,
  };
}

/**
 * A query's result with fewer or more rows than the query returns (its rows' `r`): `path` the list's,
 * `query` its place (0 first).
 */
export function sqlRowCount(path: string, query: number, rows: number, returned: number): ErrorMessage {
  // Grouped by thousands as "1,234", whatever the machine's locale.
  const count = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");
  const has = `${path} has ${count(rows)} row${rows === 1 ? "" : "s"}`;
  const message =
    rows < returned
      ? `${has} of the ${count(returned)} query ${query + 1} returns: was it cut by a row limit (a SQL console's first rows, a LIMIT a BI tool added, one page of a client's results)? Pass every row the query returns: rated, the rows left out would bill their usage as none.`
      : `${has}, where query ${query + 1} returns ${count(returned)}: rows of another run, or rows repeated, were added. Pass the rows of one run of the query, as the engine returned them.`;
  return { code: "sql_result", message };
}

// What compiling the queries again means, said once for the three refusals below.
const COMPILE_AGAIN =
  "compile the queries with compileUsageSql for the prepared rating being rated, run them, and pass each one's rows in the order of the queries";

/** The rows of one compiled query passed in the place of another's. */
export function sqlRowsOfAnotherQuery(found: number, expected: number): ErrorMessage {
  return {
    code: "sql_result",
    message: `results[${expected}] are the rows of query ${found + 1}, not of query ${expected + 1}; ${COMPILE_AGAIN}.`,
  };
}

/** Rows of a query compiled for another period, another cut of it or another time zone. */
export function sqlRowsForAnotherPeriod(query: number, period: string): ErrorMessage {
  return {
    code: "aggregates_mismatch",
    message: `results[${query}] are the rows of a query compiled for another period (or a period cut at other instants, or in another time zone) than this rating's query ${query + 1}, ${period}: rating them would bill another period's usage; ${COMPILE_AGAIN}.`,
  };
}

/** Rows of a query compiled without daily states for a rating that asks for them. */
export function sqlRowsWithoutDaily(query: number): ErrorMessage {
  return {
    code: "aggregates_mismatch",
    message: `results[${query}] are the rows of a query compiled without quantities per day, and this rating asks for them (daily): its usage report would show 0 on every day; ${COMPILE_AGAIN}.`,
  };
}

/** Rows of a query compiled for other meters, or other definitions of them, than the rating's. */
export function sqlRowsForOtherMeters(
  query: number,
  found: ReadonlyArray<string>,
  expected: ReadonlyArray<string>,
  changed: string | undefined,
): ErrorMessage {
  const list = (meters: ReadonlyArray<string>) =>
    meters.length === 0 ? "(none)" : meters.map((meter) => `"${meter}"`).join(", ");
  const what =
    changed === undefined
      ? `the meters ${list(found)}, and this rating has ${list(expected)}`
      : `another definition of meter "${changed}" (its filters, value, aggregation or window, or the groupings its charges ask for) than this rating's`;
  return {
    code: "aggregates_mismatch",
    message: `results[${query}] are the rows of a query compiled for ${what}: rating them would bill usage counted for other meters; ${COMPILE_AGAIN}.`,
  };
}

/**
 * A row of a query compiled `perCustomer` (it names its customer in column `c`) read for another
 * customer's rating: the rows were not split by customer, or the wrong customer's were taken.
 */
export function sqlRowOfAnotherCustomer(path: string, found: string | null, expected: string): ErrorMessage {
  const whose = found === null ? "no customer" : `customer "${found}"`;
  return {
    code: "aggregates_mismatch",
    message: `${path} is a row of ${whose} (column c: the query was compiled perCustomer), and this rating is customer "${expected}"'s: split the rows by customer with sqlResultsByCustomer(results) and pass this customer's, sqlResultsByCustomer(results).get("${expected}"); read together, the rows of every customer would be rated as this one's.`,
  };
}

/** Events whose value, computed from properties, is too large for the engine's widest exact decimal. */
export function sqlWideValue(events: number, id: string): ErrorMessage {
  return {
    code: "sql_unsupported",
    message: `${events} counted event(s) give a meter value computed from properties (or a part of it) too large for the SQL engine's widest exact decimal (first id "${id}"), so it cannot compute it exactly; rate these events with the in-memory engine (--engine memory).`,
  };
}

/**
 * Not one event the SQL engine read has a readable timestamp: over a warehouse table the mapping's
 * timestamp is more likely wrong (milliseconds read as text, another column) than every event; a file
 * the CLI reads with DuckDB (no mapping of the user's) more likely holds times without a zone. The
 * sentence says both, since the compiled SQL does not know which it read.
 */
export function sqlNoReadableTimestamp(events: number, id: string | null): ErrorMessage {
  return {
    code: "invalid_event",
    message: `None of the ${events} event(s) read has a timestamp ratecard can read${id === null ? "" : ` (first id "${id}")`}: each needs an ISO 8601 instant with its offset, such as "2026-02-03T10:15:00Z" (a time without a zone is not guessed); over a warehouse table, check the table mapping's "columns.timestamp" (the SQL expression of each event's instant) and "timestamp" ("text", the default; "epoch_s": seconds since 1970; "epoch_ms": milliseconds since 1970; "native": a column of the engine's own timestamp type, such as timestamptz, DateTime64 or TIMESTAMPTZ).`,
  };
}

/**
 * What the compiled query makes the engine raise when the column mapped as `timestamp: "native"` is of
 * another type (text, a number, a date): the sentence up to the type, which the engine appends (the
 * query cannot know it in advance: ratecard does not run it). `expected` names the engine's types.
 */
export function sqlNativeTimestampType(column: string, expected: string): string {
  return `ratecard: the table mapping reads columns.timestamp (${column}) as "timestamp": "native", a column of the engine's own timestamp type (${expected}); map a text column as "text" (ISO 8601 with its offset) and a count since 1970 as "epoch_s" or "epoch_ms", and a date alone is no instant (it has no time of day). This column's type is `;
}

/** Events the SQL engine read without an id, type, customer or readable timestamp. */
export function sqlMalformedEvents(events: number, id: string | null): ErrorMessage {
  return {
    code: "invalid_event",
    message: `${events} event(s) of the usage table have no id, type or customer as text (read from a JSON file, also: properties that are not an object of flat values), or a timestamp that is no instant in the years 1970–9999 written as the table mapping's "timestamp" says: ISO 8601 text with its offset by default (such as "2026-02-03T10:15:00Z" or "2026-02-03T05:15:00-05:00"; a time without a zone is not guessed), a value of the engine's timestamp type under "native" (a NULL timestamp is none), a plain count since 1970 under "epoch_s" or "epoch_ms"${id === null ? "" : ` (first id "${id}")`}; fix them at the source: every event needs all four.`,
  };
}

// The table mapping (SqlUsageSource) a caller hands compileUsageSql, checked before any SQL is written:
// each sentence is the rest of one after the field's path (`source.timestamp must be …`). The
// expressions go into the query as written, so a blank one would only fail inside the engine, with a
// message that does not name the mapping.

/** What `source` itself must be. */
export function mappingSource(): string {
  return 'expected the table mapping: an object with "from" (the table, as SQL), "properties" and, optionally, "columns" and "timestamp"';
}

/** What `source.from` must be. */
export function mappingFrom(): string {
  return "expected the table the events are read from, written as SQL: a table name such as \"usage_events\", a view, read_parquet('usage.parquet') or a subquery in parentheses";
}

/** What `source.columns` and each of its fields must be. */
export function mappingColumns(): string {
  return 'expected the SQL expressions of the event fields by name: { "id": …, "type": …, "customer": …, "timestamp": … }, each left out to read the column of that name';
}

/** A field of `source.columns` that is not SQL text. */
export function mappingColumn(field: string): string {
  return `expected the SQL expression of each event's ${field} (a column name such as "event_${field}"), or the field left out to read the column named "${field}"`;
}

/** What `source.timestamp` may be. */
export function mappingTimestamp(): string {
  return 'expected "text" (ISO 8601 text with its offset, the default), "epoch_s" (seconds since 1970, a fraction read to the millisecond), "epoch_ms" (milliseconds since 1970) or "native" (a column of the engine\'s own timestamp type: timestamptz or timestamp in PostgreSQL, DateTime64 or DateTime in ClickHouse, TIMESTAMPTZ or TIMESTAMP in DuckDB)';
}

/** What `source.properties` must be. */
export function mappingProperties(): string {
  return 'expected where the event properties are: { "json": "<a column of JSON text>" } or { "columns": { "<property>": "<its column>" } }';
}

/** `source.properties` names neither a JSON column nor property columns, or names both. */
export function mappingPropertiesPlace(both: boolean): ErrorMessage {
  return {
    code: "invalid_field",
    message: `must name one place for the event properties, { "json": "<a column of JSON text>" } or { "columns": { "<property>": "<its column>" } }, ${both ? "not both" : "and it names neither"}`,
  };
}

/** A property's column in `source.properties.columns` that is not SQL text. */
export function mappingPropertyColumn(): string {
  return 'expected the SQL expression of the property\'s column (a column name such as "gb"); leave the property out when the table has no column for it';
}

/** A property named "" in `source.properties.columns`. */
export function mappingPropertyName(): ErrorMessage {
  return {
    code: "invalid_field",
    message:
      'names no property: each key of the map is the name of a property the meters read ("gb"), each value its column',
  };
}

/** A SQL expression of the mapping that is empty or only spaces. */
export function mappingBlank(what: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `must not be blank: it goes into the query as SQL, as ${what}`,
  };
}

/** What compileUsageSql's `options` must be. */
export function compileOptions(): string {
  return 'expected the compile options: an object with, optionally, "perCustomer" and "materialize", each true or false';
}

/** What a compile option that is a switch must be. */
export function compileOptionSwitch(name: "perCustomer" | "materialize"): string {
  return name === "perCustomer"
    ? "expected true (aggregate every customer of the source at once, each row naming its customer) or false"
    : "expected true (keep the classified and the deduplicated events once: WITH … AS MATERIALIZED) or false (for a ClickHouse before 26.3, which does not know the keyword)";
}
