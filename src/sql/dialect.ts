import { postgresDecimal, postgresDouble, postgresEpochMs } from "./postgresReaders.js";

/** The SQL engines ratecard compiles usage aggregation for. */
export const SQL_DIALECTS = ["duckdb", "clickhouse", "postgres"] as const;
export type SqlDialectName = (typeof SQL_DIALECTS)[number];

/**
 * What differs between the engines, as SQL text builders. Everything else the compiler writes is
 * standard SQL all three run (CTEs, window functions, CASE, UNION ALL). A property's *kind* is one
 * letter — `s` text, `n` number, `b` true/false, `z` JSON null — or SQL NULL when the event lacks it.
 */
export interface SqlDialect {
  readonly name: SqlDialectName;
  /** A text literal. */
  readonly literal: (text: string) => string;
  /**
   * For an engine that reads a JSON column faster by extracting each property once: the extraction,
   * and the kind, text and number of the extracted value (as jsonKind, jsonText, jsonNumber read them).
   */
  readonly jsonValue?: JsonValueReaders;
  /** The kind of a property of a JSON-text column. */
  readonly jsonKind: (column: string, name: string) => string;
  /** A text or true/false property's text ("true"/"false"). */
  readonly jsonText: (column: string, name: string) => string;
  /** A number property as the shortest text of its double: what `String(number)` reads in JavaScript. */
  readonly jsonNumber: (column: string, name: string) => string;
  /** The properties as one value equal for equal payloads (keys in any order, numbers by value). */
  readonly jsonPayload: (column: string) => string;
  /** Epoch milliseconds of an ISO 8601 text instant (NULL when it is not one). */
  readonly epochMs: (text: string) => string;
  /**
   * Epoch milliseconds of a value of the engine's own timestamp type (`timestamp: "native"`), floored to
   * the millisecond; NULL for NULL and for what is no instant (PostgreSQL's `infinity`). A timestamp
   * without a zone (PostgreSQL `timestamp`, DuckDB `TIMESTAMP`) is read as UTC, whatever the session's zone.
   * A value of any other type (text, a number, a date) makes the engine raise `refused` (a text literal)
   * followed by the type's name, rather than fail on a function of its own or read a guess.
   */
  readonly nativeEpochMs: (value: string, refused: string) => string;
  /** The engine's own types `nativeEpochMs` reads, as a specialist reads them in its refusal. */
  readonly nativeTypes: string;
  /** Exact decimal of a text (NULL when it is not one): 9 decimals (`wide`: 18) after the point. */
  readonly decimal: (text: string, wide?: boolean) => string;
  /** A double of a text (NULL when it is not one). */
  readonly double: (text: string) => string;
  /** A number (a decimal) as a double. */
  readonly toDouble: (expression: string) => string;
  /** True when the text matches the regular expression. */
  readonly matches: (text: string, regex: string) => string;
  /** The text with the first match of the regular expression replaced (`\\1`… its groups). */
  readonly regexReplace: (text: string, regex: string, replacement: string) => string;
  /** The characters of a text from `start` (1 for the first), `length` of them or all the rest. */
  readonly substring: (text: string, start: string, length?: string) => string;
  /** Any value as text, NULL kept. */
  readonly asText: (expression: string) => string;
  /** Any whole number as a 64-bit integer, NULL kept. */
  readonly asInteger: (expression: string) => string;
  /** How many distinct combinations of the expressions. */
  readonly countDistinct: (expressions: ReadonlyArray<string>) => string;
  /** A text ordered by its code points (ids: the order ratecard's samples and ties use). */
  readonly binary: (text: string) => string;
  /** A JSON array of texts (NULL as null), as text. */
  readonly jsonArray: (texts: ReadonlyArray<string>) => string;
  /**
   * Written before a CTE's body, to keep a set of rows once instead of computing it again for each
   * select that reads it: `classified`, every event classified in the one scan of the source, and
   * `deduplicated`, the events left once deduplicated (DuckDB inlines these, a filter over the
   * classified rows cheaper to repeat than to keep a second copy). `settings`: what the keyword needs
   * said after the query. Left out when the query is compiled with `materialize: false`.
   */
  readonly cteHints?: {
    readonly classified: string;
    readonly deduplicated: string;
    readonly settings?: ReadonlyArray<string>;
  };
  /**
   * A hash of a text (ids), for an engine that finds repeated ids faster by sorting hashes. Ids that
   * share a hash are told apart afterwards (compileUsageSql.ts `duplicatedIds`), so it may be short.
   */
  readonly idHash?: (text: string) => string;
  /** Settings said after the query (`SETTINGS …`): ClickHouse's limits on the size of a syntax tree. */
  readonly settings?: ReadonlyArray<string>;
  /** The integer quotient of two non-negative whole numbers. */
  readonly intDiv: (dividend: string, divisor: string) => string;
  /** The engine's widest exact decimal, for values computed from properties (src/sql/valueSql.ts). */
  readonly exact: ExactDecimal;
}

/** An engine's widest exact decimal type. */
export interface ExactDecimal {
  /** How many digits it holds (integer and decimal ones together). */
  readonly digits: number;
  /**
   * What the engine does with a result too large for it: `try` — it fails, and TRY(…) makes that NULL;
   * `guard` — it wraps around silently, so a double estimate must keep it from happening; `none` — never.
   */
  readonly overflow: "try" | "guard" | "none";
  /** An expression (a decimal, or a text literal) as that type with `scale` decimals. */
  readonly cast: (expression: string, scale: number) => string;
  /**
   * The integer part of a value, when sums of the type can overflow (DuckDB's 38 digits with 18
   * decimals): sums then add the integer and fraction parts separately.
   */
  readonly integerPart?: (expression: string) => string;
}

/** One property extracted once from a JSON column, then read (SqlDialect `jsonValue`). */
export interface JsonValueReaders {
  readonly extract: (column: string, name: string) => string;
  readonly kind: (value: string) => string;
  readonly text: (value: string) => string;
  readonly number: (value: string) => string;
}

const quote = (text: string) => `'${text.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
const standardQuote = (text: string) => `'${text.replaceAll("'", "''")}'`;
// A JSON path naming one key, for engines that take `$."key"` paths.
const keyPath = (name: string) => standardQuote(`$."${name.replaceAll('"', '\\"')}"`);

// DuckDB's readers of a JSON value at a path ('$': the value itself).
const duckdbKind = (column: string, path: string) =>
  `CASE json_type(${column}, ${path}) WHEN 'VARCHAR' THEN 's' WHEN 'BOOLEAN' THEN 'b' WHEN 'NULL' THEN 'z' WHEN 'BIGINT' THEN 'n' WHEN 'UBIGINT' THEN 'n' WHEN 'DOUBLE' THEN 'n' WHEN 'HUGEINT' THEN 'n' WHEN NULL THEN NULL ELSE 'x' END`;
const duckdbText = (column: string, path: string) => `json_extract_string(${column}, ${path})`;
const duckdbNumber = (column: string, path: string) =>
  `CAST(TRY_CAST(json_extract(${column}, ${path}) AS DOUBLE) AS VARCHAR)`;

// DuckDB: JSON functions on a JSON (or text) column, each property extracted once; DECIMAL(18,9) (a
// 64-bit integer, fast) widened to DECIMAL(38,9) only for the values that do not fit (≥ 10^9): DuckDB
// reads text into DECIMAL(38,x) about 15 times slower (docs/scale-measurements.md); regexp_full_match.
const duckdb: SqlDialect = {
  name: "duckdb",
  literal: standardQuote,
  jsonValue: {
    extract: (column, name) => `json_extract(${column}, ${keyPath(name)})`,
    // The kind from the first character of the extracted JSON (DuckDB writes it minified): no parse;
    // starts_with compares bytes, where left(…, 1) reads a UTF-8 character (4 times the CPU:
    // docs/scale-measurements.md).
    kind: (value) => {
      const first = (characters: string[]) =>
        characters.map((c) => `starts_with(CAST(${value} AS VARCHAR), '${c}')`).join(" OR ");
      return `CASE WHEN ${value} IS NULL THEN NULL WHEN ${first(['"'])} THEN 's' WHEN ${first(["t", "f"])} THEN 'b' WHEN ${first(["n"])} THEN 'z' WHEN ${first(["{", "["])} THEN 'x' ELSE 'n' END`;
    },
    text: (value) => duckdbText(value, "'$'"),
    number: (value) => duckdbNumber(value, "'$'"),
  },
  jsonKind: (column, name) => duckdbKind(column, keyPath(name)),
  jsonText: (column, name) => duckdbText(column, keyPath(name)),
  jsonNumber: (column, name) => duckdbNumber(column, keyPath(name)),
  // A number's JSON type is not part of it: 1.0 (DOUBLE), 1e0 (DOUBLE) and 1 (UBIGINT) are the number
  // 1, and -0.0 (+ 0.0 makes it 0.0) the number 0, as JSON.parse reads them in the in-memory engine
  // (src/meters/canonicalPayload.ts); DuckDB called such copies a conflicting_duplicate. A null
  // property is the property left out, as there.
  jsonPayload: (column) => {
    const path = `'$."' || replace(k, '"', '\\"') || '"'`;
    const number = `json_type(${column}, ${path}) IN ('BIGINT', 'UBIGINT', 'DOUBLE', 'HUGEINT')`;
    const keys = `list_filter(json_keys(${column}), lambda k: json_type(${column}, ${path}) <> 'NULL')`;
    return `CAST(list_transform(list_sort(${keys}), lambda k: CASE WHEN ${number} THEN [k, 'NUMBER', CAST(TRY_CAST(json_extract(${column}, ${path}) AS DOUBLE) + 0.0 AS VARCHAR)] ELSE [k, json_type(${column}, ${path}), json_extract_string(${column}, ${path})] END) AS VARCHAR)`;
  },
  // DuckDB's cast refuses hours and minutes with a zone but no seconds ("2026-02-10T00:00Z"), which
  // ratecard reads (src/time/instant.ts); those, and only those (COALESCE reads its second argument
  // only where the first is NULL), are cast again with ":00" after the minutes (characters 1–16, ASCII:
  // the text already matched SQL_INSTANT_PATTERN).
  epochMs: (text) =>
    `epoch_ms(COALESCE(TRY_CAST(${text} AS TIMESTAMPTZ), TRY_CAST(substr(${text}, 1, 16) || ':00' || substr(${text}, 17) AS TIMESTAMPTZ)))`,
  // epoch_ms reads TIMESTAMPTZ as its instant and TIMESTAMP (and _S, _MS, _NS) as UTC, never the
  // session's TimeZone; it truncates the microseconds (nanoseconds) to the millisecond (NULL for infinity).
  // typeof is the column's type, known when the query is bound, so one branch is kept; each casts to its
  // own type (a no-op) only so that the others bind for any column. epoch_ms of a DATE would read
  // midnight UTC, a guess: a DATE is refused with text and numbers, by error().
  nativeEpochMs: (value, refused) =>
    `CASE WHEN typeof(${value}) = 'TIMESTAMP WITH TIME ZONE' THEN epoch_ms(CAST(${value} AS TIMESTAMPTZ)) WHEN typeof(${value}) IN ('TIMESTAMP', 'TIMESTAMP_S', 'TIMESTAMP_MS') THEN epoch_ms(CAST(${value} AS TIMESTAMP)) WHEN typeof(${value}) = 'TIMESTAMP_NS' THEN epoch_ms(CAST(${value} AS TIMESTAMP_NS)) ELSE error(${refused} || typeof(${value})) END`,
  nativeTypes: "TIMESTAMPTZ or TIMESTAMP, also TIMESTAMP_S, _MS or _NS",
  decimal: (text, wide) =>
    wide
      ? `TRY_CAST(${text} AS DECIMAL(38,18))`
      : `COALESCE(TRY_CAST(${text} AS DECIMAL(18,9)), TRY_CAST(${text} AS DECIMAL(38,9)))`,
  double: (text) => `TRY_CAST(${text} AS DOUBLE)`,
  toDouble: (expression) => `CAST(${expression} AS DOUBLE)`,
  matches: (text, regex) => `regexp_full_match(${text}, ${standardQuote(regex)})`,
  regexReplace: (text, regex, replacement) =>
    `regexp_replace(${text}, ${standardQuote(regex)}, ${standardQuote(replacement)})`,
  substring: (text, start, length) => `substr(${text}, ${start}${length === undefined ? "" : `, ${length}`})`,
  asText: (expression) => `CAST(${expression} AS VARCHAR)`,
  asInteger: (expression) => `CAST(${expression} AS BIGINT)`,
  countDistinct: (expressions) => `COUNT(DISTINCT (${expressions.join(", ")}))`,
  binary: (text) => text,
  jsonArray: (texts) => `CAST(to_json([${texts.map((t) => `CAST(${t} AS VARCHAR)`).join(", ")}]) AS VARCHAR)`,
  cteHints: { classified: "MATERIALIZED ", deduplicated: "NOT MATERIALIZED " },
  // The top 32 bits of DuckDB's 64-bit hash: sorting 4-byte keys costs about a quarter less CPU than
  // 8-byte ones (docs/scale-measurements.md). At 10,000,000 distinct ids some 11,600 pairs share such a
  // hash (n²/2³³); their events, grouped by id, are found to be distinct.
  idHash: (text) => `CAST(hash(${text}) >> 32 AS UINTEGER)`,
  intDiv: (dividend, divisor) => `((${dividend}) // ${divisor})`,
  exact: {
    digits: 38,
    overflow: "try",
    cast: (expression, scale) => `CAST(${expression} AS DECIMAL(38,${scale}))`,
    integerPart: (expression) => `CAST(trunc(${expression}) AS DECIMAL(38,0))`,
  },
};

// ClickHouse: JSON functions on a String column, Decimal128, match(), explicit Nullable types so that
// the branches of UNION ALL agree.
const clickhouse: SqlDialect = {
  name: "clickhouse",
  literal: quote,
  // Each property's raw JSON extracted once (empty when absent, so NULL), its kind read from its first
  // character (JSONExtractRaw writes the value minified) and its text from that raw value: each JSON
  // function call parses the row's document again, and kind and text called five per property.
  jsonValue: {
    extract: (column, name) => `nullIf(JSONExtractRaw(${column}, ${quote(name)}), '')`,
    kind: (value) =>
      `multiIf(${value} IS NULL, NULL, startsWith(${value}, '"'), 's', startsWith(${value}, 't') OR startsWith(${value}, 'f'), 'b', startsWith(${value}, 'n'), 'z', startsWith(${value}, '{') OR startsWith(${value}, '['), 'x', 'n')`,
    text: (value) => `if(startsWith(${value}, '"'), JSONExtractString(${value}), ${value})`,
    number: (value) => `toString(JSONExtractFloat(${value}))`,
  },
  jsonKind: (column, name) =>
    `if(JSONHas(${column}, ${quote(name)}), multiIf(JSONType(${column}, ${quote(name)}) = 'String', 's', JSONType(${column}, ${quote(name)}) IN ('Int64', 'UInt64', 'Double'), 'n', JSONType(${column}, ${quote(name)}) = 'Bool', 'b', JSONType(${column}, ${quote(name)}) = 'Null', 'z', 'x'), NULL)`,
  jsonText: (column, name) =>
    `if(JSONType(${column}, ${quote(name)}) = 'String', JSONExtractString(${column}, ${quote(name)}), JSONExtractRaw(${column}, ${quote(name)}))`,
  jsonNumber: (column, name) => `toString(JSONExtractFloat(${column}, ${quote(name)}))`,
  // A null property is the property left out, as in memory (src/meters/canonicalPayload.ts).
  jsonPayload: (column) =>
    `toString(arraySort(arrayMap(kv -> (kv.1, JSONType(kv.2), if(JSONType(kv.2) IN ('Int64', 'UInt64', 'Double'), toString(JSONExtractFloat(kv.2)), kv.2)), arrayFilter(kv -> JSONType(kv.2) != 'Null', JSONExtractKeysAndValuesRaw(${column})))))`,
  epochMs: (text) => `toUnixTimestamp64Milli(parseDateTime64BestEffortOrNull(${text}, 3, 'UTC'))`,
  // A DateTime or DateTime64 holds its instant (the column's zone only shows it); toUnixTimestamp64Milli
  // takes DateTime64 alone, so DateTime is widened and DateTime64(6) or (9) cut to the millisecond first.
  // toDateTime64 would also read text (parsed), an integer (as seconds) and a Date (midnight): guesses.
  // throwIf, in its argument, runs first; toTypeName is the column's type (Nullable(…) when it may be NULL).
  nativeEpochMs: (value, refused) => {
    const type = `toTypeName(${value})`;
    const timestamp = `startsWith(${type}, 'DateTime') OR startsWith(${type}, 'Nullable(DateTime')`;
    return `toUnixTimestamp64Milli(toDateTime64(if(throwIf(NOT (${timestamp}), concat(${refused}, ${type})) = 0, ${value}, ${value}), 3))`;
  },
  nativeTypes: "DateTime64 or DateTime",
  decimal: (text, wide) => `toDecimal128OrNull(${text}, ${wide ? 18 : 9})`,
  double: (text) => `toFloat64OrNull(${text})`,
  toDouble: (expression) => `toFloat64(${expression})`,
  matches: (text, regex) => `match(${text}, ${quote(regex)})`,
  regexReplace: (text, regex, replacement) =>
    `replaceRegexpOne(${text}, ${quote(regex)}, ${quote(replacement)})`,
  substring: (text, start, length) =>
    `substring(${text}, toInt64(${start})${length === undefined ? "" : `, toInt64(${length})`})`,
  asText: (expression) => `CAST(${expression} AS Nullable(String))`,
  asInteger: (expression) => `CAST(${expression} AS Nullable(Int64))`,
  countDistinct: (expressions) => `uniqExact(${expressions.join(", ")})`,
  binary: (text) => text,
  jsonArray: (texts) => `toJSONString([${texts.map((t) => `CAST(${t} AS Nullable(String))`).join(", ")}])`,
  // ClickHouse expands every use of a CTE in place unless it is MATERIALIZED (ClickHouse 26.3 and later,
  // behind an experimental setting): expanded, the cdn query read its source 92 times and took 15.8 s of
  // CPU and 2.4 GB for 1,000,000 events; with both sets kept once, 3.1 s and 0.76 GB
  // (docs/scale-measurements.md, session 37). A contract of many meters and charges still passes the
  // default limit of 50,000 syntax nodes, so the limits are raised.
  cteHints: {
    classified: "MATERIALIZED ",
    deduplicated: "MATERIALIZED ",
    settings: ["enable_materialized_cte = 1"],
  },
  // The extraction's `SELECT *` (usageSource.ts `extractedSource`) keeps a table's ALIAS and MATERIALIZED
  // columns, which ClickHouse's `*` leaves out by default: a mapping may name one.
  settings: [
    "max_ast_elements = 10000000",
    "max_expanded_ast_elements = 10000000",
    "asterisk_include_alias_columns = 1",
    "asterisk_include_materialized_columns = 1",
  ],
  intDiv: (dividend, divisor) => `intDiv(${dividend}, ${divisor})`,
  exact: {
    digits: 76,
    overflow: "guard",
    cast: (expression, scale) => `toDecimal256(${expression}, ${scale})`,
  },
};

// PostgreSQL 14 and later: jsonb operators, numeric (exact, any size), the ~ operator with a C collation
// for ids; no pg_input_is_valid (PostgreSQL 16 and later), so that Debian 12's PostgreSQL 15 runs it.
const postgres: SqlDialect = {
  name: "postgres",
  literal: standardQuote,
  jsonKind: (column, name) =>
    `CASE jsonb_typeof((${column})::jsonb -> ${standardQuote(name)}) WHEN 'string' THEN 's' WHEN 'number' THEN 'n' WHEN 'boolean' THEN 'b' WHEN 'null' THEN 'z' WHEN NULL THEN NULL ELSE 'x' END`,
  jsonText: (column, name) => `((${column})::jsonb ->> ${standardQuote(name)})`,
  jsonNumber: (column, name) => `(((${column})::jsonb ->> ${standardQuote(name)})::float8)::text`,
  // A null property is the property left out, as in memory (src/meters/canonicalPayload.ts).
  jsonPayload: (column) => `jsonb_strip_nulls((${column})::jsonb)`,
  // Checked by pattern and calendar first, then read without PostgreSQL's zone parsing (postgresReaders.ts).
  epochMs: postgresEpochMs,
  // extract(epoch …) is numeric (exact to the microsecond) since PostgreSQL 14: of a timestamptz its
  // instant, of a timestamp the "nominal" seconds, its wall time read as UTC. infinity has no epoch.
  // Through its JSON text (any type has one), so the query is valid whatever the column's type: JSON
  // writes a timestamp in ISO 8601 with a numeric offset, read back exactly. Not ::text, which follows
  // the session's DateStyle: "SQL" writes Kolkata's zone as "IST", which PostgreSQL before 18 reads back
  // as Israel's (+02; 15 read 23:59:59.999Z as 03:29:59.999Z the next day).
  // Any other type (text, a number, a date, read as midnight UTC before) fails the cast of the
  // refusal, whose text is ratecard's: pg_typeof keeps it from being folded (and raised) when planned.
  nativeEpochMs: (value, refused) => {
    const as = (type: string) => `(to_jsonb(${value}) #>> '{}')::${type}`;
    const ms = (type: string) =>
      `CASE WHEN isfinite(${as(type)}) THEN floor(extract(epoch from ${as(type)}) * 1000)::bigint END`;
    return `CASE pg_typeof(${value}) WHEN 'timestamp with time zone'::regtype THEN ${ms("timestamptz")} WHEN 'timestamp without time zone'::regtype THEN ${ms("timestamp")} ELSE (${refused} || pg_typeof(${value})::text)::bigint END`;
  },
  nativeTypes: "timestamptz or timestamp",
  // Checked by a regular expression before the cast, which would fail on other text (postgresReaders.ts).
  decimal: (text, wide) => postgresDecimal(text, wide ? 18 : 9),
  double: postgresDouble,
  toDouble: (expression) => `(${expression})::float8`,
  matches: (text, regex) => `(${text} ~ ${standardQuote(regex)})`,
  regexReplace: (text, regex, replacement) =>
    `regexp_replace(${text}, ${standardQuote(regex)}, ${standardQuote(replacement)})`,
  substring: (text, start, length) =>
    `substr(${text}, (${start})::int${length === undefined ? "" : `, (${length})::int`})`,
  asText: (expression) => `(${expression})::text`,
  asInteger: (expression) => `(${expression})::bigint`,
  countDistinct: (expressions) => `COUNT(DISTINCT (${expressions.join(", ")}))`,
  binary: (text) => `(${text}) COLLATE "C"`,
  jsonArray: (texts) => `json_build_array(${texts.map((t) => `(${t})::text`).join(", ")})::text`,
  intDiv: (dividend, divisor) => `div(${dividend}, ${divisor})`,
  // numeric: exact at any size ratecard meets (131,072 digits before the point, 16,383 after).
  exact: {
    digits: 16_383,
    overflow: "none",
    cast: (expression, scale) => `round((${expression})::numeric, ${scale})`,
  },
};

/** The dialect of an engine. */
export function sqlDialect(name: SqlDialectName): SqlDialect {
  return name === "duckdb" ? duckdb : name === "clickhouse" ? clickhouse : postgres;
}
