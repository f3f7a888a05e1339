import { expect, it } from "vitest";
import {
  aggregateForRating,
  compileUsageSql,
  type SqlDialectName,
  type SqlUsageSource,
  usageAggregatesFromSql,
} from "../../src/index.js";
import { thrown } from "../_support/thrown.js";
import { eventAt, sumAndLatestPrepared, type TableEvent, type TestEngine } from "./engines.js";

// A warehouse keeps the event time in its own timestamp type, not as ISO 8601 text. Mapped as text, such
// a column is read through the engine's text cast ("2026-02-01 00:00:00-05" in PostgreSQL, with the
// session's zone), which is no ISO 8601 instant: every event is refused. `timestamp: "native"` reads the
// value itself. The same events, loaded as text, are typed by the engine into each kind of column below
// and must give the in-memory aggregates of the text, to the millisecond.

const prepared = sumAndLatestPrepared("ctr_native");

// February 2026, UTC: [2026-02-01T00:00Z, 2026-03-01T00:00Z).
const events: TableEvent[] = [
  eventAt("a1", "egress", "2026-01-31T23:59:59.999Z", { gb: "1" }), // the last millisecond before: outside
  eventAt("a2", "egress", "2026-02-01T00:00:00Z", { gb: "2" }), // the first instant: counted
  eventAt("a3", "egress", "2026-02-01T00:30:00+01:00", { gb: "4" }), // 23:30 UTC on 31 January: outside
  eventAt("a4", "egress", "2026-02-28T23:59:59.9999Z", { gb: "8" }), // floored to .999: counted, the latest
  eventAt("a5", "egress", "2026-02-15T05:30:00+05:30", { gb: "16" }), // 00:00 UTC on 15 February
  eventAt("a6", "egress", "2026-03-01T00:00:00Z", { gb: "32" }), // the period's end: outside
  eventAt("a7", "egress", "2026-02-20T10:00:00-05:00", { gb: "64" }), // 15:00 UTC on 20 February
];

/** The engine's typed copy of the loaded events: SQL to run first and after, its FROM item, its columns. */
interface TypedTable {
  readonly setUp: ReadonlyArray<string>;
  readonly tearDown: ReadonlyArray<string>;
  readonly from: string;
  /** Timestamp columns holding each event's instant, to the microsecond or finer. */
  readonly columns: ReadonlyArray<string>;
  /** A column of whole seconds (ClickHouse DateTime), when the engine has that type. */
  readonly seconds?: string;
}

// The session zone is set away from UTC where the engine has one: the instants must not move with it.
function typedTable(dialect: SqlDialectName, textFrom: string): TypedTable {
  if (dialect === "postgres")
    return {
      // Kolkata, and a DateStyle that writes its zone as "IST", which PostgreSQL before 18 reads back as
      // Israel's (+02; checked by hand on PostgreSQL 15, PGlite is 18): the instants must not go
      // through the session's text of a timestamp.
      setUp: [
        "SET TIME ZONE 'Asia/Kolkata'",
        "SET DateStyle = 'SQL, DMY'",
        "DROP TABLE IF EXISTS typed_events",
        "CREATE TABLE typed_events (id text, type text, customer text, at_tz timestamptz, at_utc timestamp, properties jsonb)",
        `INSERT INTO typed_events SELECT id, type, customer, "timestamp"::timestamptz, "timestamp"::timestamptz AT TIME ZONE 'UTC', properties FROM ${textFrom}`,
      ],
      tearDown: ["RESET TIME ZONE", "RESET DateStyle"],
      from: "typed_events",
      columns: ["at_tz", "at_utc"],
    };
  if (dialect === "duckdb")
    return {
      setUp: [
        "SET TimeZone = 'America/New_York'",
        `CREATE OR REPLACE TABLE typed_events AS SELECT id, type, customer, CAST(timestamp AS TIMESTAMPTZ) AS at_tz, timezone('UTC', CAST(timestamp AS TIMESTAMPTZ)) AS at_utc, CASE WHEN CAST(timestamp AS TIMESTAMPTZ) < TIMESTAMPTZ '2262-01-01 00:00:00+00' THEN CAST(timezone('UTC', CAST(timestamp AS TIMESTAMPTZ)) AS TIMESTAMP_NS) END AS at_ns, properties FROM ${textFrom}`,
      ],
      tearDown: ["RESET TimeZone"],
      from: "typed_events",
      columns: ["at_tz", "at_utc", "at_ns"],
    };
  return {
    setUp: [],
    tearDown: [],
    from: `(SELECT id, type, customer, parseDateTime64BestEffort(timestamp, 6, 'UTC') AS at_utc, toDateTime64(parseDateTime64BestEffort(timestamp, 6, 'UTC'), 3, 'Asia/Kolkata') AS at_kolkata, toDateTime(parseDateTime64BestEffort(timestamp, 6, 'UTC'), 'UTC') AS at_seconds, properties FROM ${textFrom})`,
    columns: ["at_utc", "at_kolkata"],
    seconds: "at_seconds",
  };
}

/**
 * The loaded events with the instant in columns of other types, and with a NULL: text (the ISO 8601
 * text), an integer (epoch milliseconds), a date (the UTC day), and a timestamp column that is NULL for
 * a2. `types`: each column's type as the engine names it in its refusal.
 */
function otherTypesTable(dialect: SqlDialectName, textFrom: string) {
  if (dialect === "postgres")
    return {
      setUp: [
        "DROP TABLE IF EXISTS other_types",
        `CREATE TABLE other_types AS SELECT id, type, customer, "timestamp" AS at_text, floor(extract(epoch from "timestamp"::timestamptz) * 1000)::bigint AS at_int, ("timestamp"::timestamptz AT TIME ZONE 'UTC')::date AS at_date, CASE WHEN id <> 'a2' THEN "timestamp"::timestamptz END AS at_null, properties FROM ${textFrom}`,
      ],
      from: "other_types",
      types: { at_text: "text", at_int: "bigint", at_date: "date" },
    };
  if (dialect === "duckdb")
    return {
      setUp: [
        `CREATE OR REPLACE TABLE other_types AS SELECT id, type, customer, timestamp AS at_text, epoch_ms(CAST(timestamp AS TIMESTAMPTZ)) AS at_int, CAST(timezone('UTC', CAST(timestamp AS TIMESTAMPTZ)) AS DATE) AS at_date, CASE WHEN id <> 'a2' THEN CAST(timestamp AS TIMESTAMPTZ) END AS at_null, properties FROM ${textFrom}`,
      ],
      from: "other_types",
      types: { at_text: "VARCHAR", at_int: "BIGINT", at_date: "DATE" },
    };
  return {
    setUp: [],
    from: `(SELECT id, type, customer, timestamp AS at_text, toUnixTimestamp64Milli(parseDateTime64BestEffort(timestamp, 3, 'UTC')) AS at_int, toDate(parseDateTime64BestEffort(timestamp, 3, 'UTC')) AS at_date, if(id = 'a2', NULL, parseDateTime64BestEffort(timestamp, 6, 'UTC')) AS at_null, properties FROM ${textFrom})`,
    types: { at_text: "String", at_int: "Int64", at_date: "Date" },
  };
}

/** The `timestamp: "native"` cases, on one engine (run by sqlCases.ts). */
export function nativeTimestampCases(
  engine: () => TestEngine,
  textFrom: () => string,
  restore: () => Promise<void>,
): void {
  const run = async (source: SqlUsageSource) => {
    const results: unknown[][] = [];
    for (const sql of compileUsageSql(prepared, engine().dialect, source).queries)
      results.push(await engine().run(sql));
    return results;
  };
  const mapping = (from: string, column: string, timestamp?: "native"): SqlUsageSource => ({
    from,
    columns: { timestamp: column },
    ...(timestamp === undefined ? {} : { timestamp }),
    properties: { json: "properties" },
  });
  // The loaded events typed into the engine's columns for `use`, the session's zone reset after.
  const onTypedTable = async (use: (typed: TypedTable) => Promise<void>) => {
    const typed = typedTable(engine().dialect, textFrom());
    for (const sql of typed.setUp) await engine().run(sql);
    try {
      await use(typed);
    } finally {
      for (const sql of typed.tearDown) await engine().run(sql);
    }
  };

  it('reads a timestamp column of the engine\'s own type, to the millisecond and in UTC (timestamp: "native")', async () => {
    await engine().load(events);
    const memory = aggregateForRating(prepared, events);
    // By hand: counted a2, a4, a5, a7: 2 + 8 + 16 + 64 = 90 GB; the latest is a4 at 23:59:59.9999,
    // floored to 23:59:59.999 on 28 February (rounded, it would fall on 1 March, outside); a1, a3
    // (00:30 at +01:00 is 23:30 UTC on 31 January) and a6 are outside the period.
    const meters = memory.whole.meters as { total: unknown }[];
    expect(meters[0]?.total).toEqual({ sum: "90", events: 4 });
    expect(meters[1]?.total).toEqual({
      timestamp: Date.UTC(2026, 1, 28, 23, 59, 59, 999),
      id: "a4",
      value: "8",
      events: 4,
    });
    expect(memory.whole.excluded).toEqual([
      { reason: "outside_period", events: 3, sampleIds: ["a1", "a3", "a6"] },
    ]);
    await onTypedTable(async (typed) => {
      for (const column of typed.columns) {
        const results = await run(mapping(typed.from, column, "native"));
        expect(usageAggregatesFromSql(prepared, results), column).toEqual(memory);
        // Mapped as text (the default), the same column has no instant ratecard reads: all refused.
        const asText = await run(mapping(typed.from, column));
        expect(
          thrown(() => usageAggregatesFromSql(prepared, asText)),
          column,
        ).toMatchObject({
          code: "invalid_event",
          details: { events: 7, field: "timestamp" },
        });
      }
      // Whole seconds (ClickHouse DateTime): the events as their text cut to the second gives.
      if (typed.seconds !== undefined) {
        const cut = events.map((event) => ({ ...event, timestamp: event.timestamp.replace(/\.\d+/, "") }));
        const results = await run(mapping(typed.from, typed.seconds, "native"));
        expect(usageAggregatesFromSql(prepared, results)).toEqual(aggregateForRating(prepared, cut));
      }
    });
    await restore();
  });

  it('refuses a column of another type mapped as "native" in words that name it and the types expected, and reports a NULL instant as an event refused, on every engine', async () => {
    await engine().load(events);
    const table = otherTypesTable(engine().dialect, textFrom());
    for (const sql of table.setUp) await engine().run(sql);
    // Text, an integer and a date: before, PostgreSQL and DuckDB failed on their own functions
    // ("function isfinite(text) does not exist") or read a date as midnight UTC, and ClickHouse read
    // text, milliseconds (as seconds) and a date as instants. Now each engine raises ratecard's sentence.
    for (const [column, type] of Object.entries(table.types))
      await expect(run(mapping(table.from, column, "native")), column).rejects.toThrow(
        new RegExp(
          `ratecard: the table mapping reads columns\\.timestamp \\(${column}\\) as "timestamp": "native".*This column's type is (Nullable\\()?${type}`,
        ),
      );
    // A NULL timestamp is no instant: the event (a2) is refused with the malformed ones, as the
    // in-memory engine refuses an event without its timestamp, never billed or dropped unsaid.
    const results = await run(mapping(table.from, "at_null", "native"));
    expect(thrown(() => usageAggregatesFromSql(prepared, results))).toMatchObject({
      code: "invalid_event",
      details: { events: 1 },
      message: expect.stringMatching(/under "native" \(a NULL timestamp is none\).*\(first id "a2"\)/),
    });
    await restore();
  });

  it("refuses an instant before 1970 or after 9999 read from a native column, as ratecard refuses its text", async () => {
    // ClickHouse's DateTime64 ends in 2299: the year 10000 only where the type reaches it.
    const texts = [
      "1969-12-31T23:59:59Z",
      ...(engine().dialect === "clickhouse" ? [] : ["10000-01-01T00:00:00Z"]),
    ];
    for (const text of texts) {
      const outside = [eventAt("b1", "egress", text, { gb: "1" })];
      await engine().load(outside);
      expect(() => aggregateForRating(prepared, outside), text).toThrow(
        expect.objectContaining({ code: "invalid_instant" }),
      );
      await onTypedTable(async (typed) => {
        for (const column of typed.columns) {
          const results = await run(mapping(typed.from, column, "native"));
          expect(
            thrown(() => usageAggregatesFromSql(prepared, results)),
            `${column} ${text}`,
          ).toMatchObject({
            code: "invalid_event",
            details: { events: 1 },
          });
        }
      });
    }
    await restore();
  });
}
