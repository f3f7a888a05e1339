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
    message: `None of the ${events} event(s) read has a timestamp ratecard can read${id === null ? "" : ` (first id "${id}")`}: each needs an ISO 8601 instant with its offset, such as "2026-02-03T10:15:00Z" (a time without a zone is not guessed); over a warehouse table, check the table mapping's "columns.timestamp" (the SQL expression of each event's instant) and "timestamp" ("text", the default, or "epoch_ms": milliseconds since 1970 as a whole number).`,
  };
}

/** Events the SQL engine read without an id, type, customer or readable timestamp. */
export function sqlMalformedEvents(events: number, id: string | null): ErrorMessage {
  return {
    code: "invalid_event",
    message: `${events} event(s) of the usage table have no id, type or customer as text (read from a JSON file, also: properties that are not an object of flat values), or a timestamp that is not an ISO 8601 instant with its offset in the years 1970–9999 (such as "2026-02-03T10:15:00Z" or "2026-02-03T05:15:00-05:00"; a time without a zone is not guessed)${id === null ? "" : ` (first id "${id}")`}; fix them at the source: every event needs all four.`,
  };
}
