import { statSync } from "node:fs";
import {
  type Contract,
  compileUsageSql,
  type Invoice,
  isRatecardError,
  type PreparedRating,
  prepareRating,
  type RateInvoiceOptions,
  rateFromAggregates,
  type SqlUsageSource,
  type UsageAggregates,
  UsageError,
  type UsageTimestamps,
  usageAggregatesFromSql,
} from "../index.js";
import { CSV_BLANK_BYTES, isBlankFile, JSON_BLANK_BYTES } from "./blankFile.js";
import { UsageLineError } from "./cliSupport.js";
import { warnWhenCsvFileEndsInsideARow } from "./csvLastLine.js";
import { csvHeader } from "./csvUsage.js";
import { csvQuoteRefusal, csvRowsRefusal } from "./duckdbCsvRefusal.js";
import { type DuckdbFormat, duckdbFormat, startsWithByteOrderMark } from "./duckdbFormat.js";
import { type DuckdbConnection, loadDuckdb } from "./duckdbModule.js";
import { refusedElementsError } from "./duckdbRefusedElements.js";
import { refusedLinesError } from "./duckdbRefusedLines.js";
import { emptyJsonUsage } from "./messages.js";
import { parquetUsageSource } from "./parquetColumns.js";
import { fileInput } from "./readLines.js";
import { memoryReaderRefusal, refusalInFileOrder } from "./refusalInFileOrder.js";

const EVENT_COLUMNS = ["id", "type", "customer", "timestamp"];

/**
 * Rates an invoice with DuckDB aggregating the usage file: the contract's meters compile to SQL
 * (src/sql), DuckDB reads the file (NDJSON, CSV, a JSON array or Parquet) and returns the meters'
 * states, and ratecard rates them. The invoice, its usage report included, is the one the in-memory
 * engine gives for the file (docs/sql-engines.md).
 * @throws UsageLineError when @duckdb/node-api is not installed, for standard input or another format
 */
export async function rateWithDuckdb(
  contract: Contract,
  file: string,
  format: string | undefined,
  period: string,
  options: RateInvoiceOptions,
  timestamps: UsageTimestamps = "text",
): Promise<Invoice> {
  const usage = await openDuckdbUsage(file, format, timestamps);
  try {
    const { daily, ...rating } = options;
    const prepared = prepareRating(contract, period, { daily: daily === true });
    const aggregates = await aggregatesOverSource(usage, prepared).catch(async (error: unknown) => {
      // Events without an id, type, customer or instant: the first in file order, as --engine memory names it.
      if (!isRatecardError(error) || error.code !== "invalid_event") throw error;
      throw (await refusalInFileOrder(file, duckdbFormat(file, format), usage)) ?? error;
    });
    return rateFromAggregates(prepared, aggregates, rating);
  } finally {
    usage.close();
  }
}

/** A usage file opened in DuckDB: where the SQL finds its events, and the connection that runs it. */
export interface DuckdbUsage {
  /** The file's FROM item and column mapping (a CSV file's other columns are its properties). */
  readonly source: SqlUsageSource;
  /** Runs a query; DuckDB's own error (a malformed row) becomes a sentence naming the file. */
  readonly rows: (sql: string) => Promise<unknown[]>;
  /** Runs a query, its rows a chunk at a time (for the events of a large file). */
  readonly stream: (sql: string) => AsyncIterable<ReadonlyArray<Record<string, unknown>>>;
  readonly close: () => void;
}

/**
 * Opens DuckDB embedded (in memory) over a usage file: NDJSON, CSV, a JSON array or Parquet, its
 * timestamps written as `timestamps` says (--timestamps: ISO 8601 text, or a count since 1970).
 * `screened` (`batch --bad-events hold`): ratecard's own reader has already read the file and set
 * aside every event it refuses, holding the invoices of their customers, so the file is not searched
 * again for lines DuckDB reads and ratecard refuses (a key written twice, a number for a timestamp):
 * they are the held customers' rows, which no query rated here reads.
 * @throws UsageLineError when @duckdb/node-api is not installed, for standard input or another format
 */
export async function openDuckdbUsage(
  file: string,
  format: string | undefined,
  timestamps: UsageTimestamps = "text",
  screened = false,
): Promise<DuckdbUsage> {
  if (file === "-")
    throw new UsageLineError(
      "--engine duckdb reads a usage file, not standard input; name the file with --usage",
    );
  const chosen = duckdbFormat(file, format);
  if (startsWithByteOrderMark(file, chosen))
    throw new UsageLineError(
      `${file} starts with a UTF-8 byte order mark, which DuckDB's JSON reader refuses ("BOM is not supported"); rate it with --engine memory, which skips the mark, or save the file without it`,
    );
  // DuckDB reads a .json file of nothing but white space as no events; ratecard's reader finds no array.
  if (chosen === "json" && isBlankFile(file, JSON_BLANK_BYTES))
    throw UsageError.from(emptyJsonUsage(file), file);
  if (chosen === "csv") warnWhenCsvFileEndsInsideARow(file);
  const duckdb = await loadDuckdb();
  const instance = await duckdb.DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    // Text instants without a zone, and Parquet TIMESTAMP columns, are read as UTC, as ratecard reads them.
    await connection.run("SET TimeZone = 'UTC'");
    const source = await usageSourceOf(connection, file, chosen, timestamps);
    // An NDJSON or JSON file's lines (a CSV file's quotes) are searched for what DuckDB reads and
    // ratecard refuses once, before any rows are returned: while DuckDB's threads run the first query,
    // on this thread, which would otherwise only wait for them.
    let check = screened || isEmptyFile(file) ? noRefusal : searchFor(chosen, file, timestamps);
    const refusal = () => {
      const found = check();
      check = noRefusal;
      return found;
    };
    const rows = async (sql: string) => {
      const running = readRows(connection, sql, file, chosen, timestamps);
      const refused = await refusal();
      if (refused === undefined) return (await running).getRowObjectsJS();
      // The refusal wins over the query's own outcome, as when the search ran first.
      connection.interrupt();
      await running.catch(() => undefined);
      throw refused;
    };
    return {
      source,
      rows,
      stream: async function* (sql) {
        const refused = await refusal();
        if (refused !== undefined) throw refused;
        yield* streamRows(connection, sql, file, chosen, timestamps);
      },
      close: () => connection.closeSync(),
    };
  } catch (error) {
    connection.closeSync();
    throw error;
  }
}

/**
 * The usage aggregates of one prepared rating from the events of `usage.source`: its meters compiled to
 * SQL, run, and the rows turned back into the aggregates ratecard rates.
 */
export async function aggregatesOverSource(
  usage: Pick<DuckdbUsage, "source" | "rows">,
  prepared: PreparedRating,
): Promise<UsageAggregates> {
  const results: unknown[][] = [];
  for (const sql of compileUsageSql(prepared, "duckdb", usage.source).queries)
    results.push(await usage.rows(sql));
  return usageAggregatesFromSql(prepared, results);
}

/**
 * An error about the events DuckDB read from `file`, which names no file (path "": events without an id,
 * type, customer or instant, `invalid_event`; values the SQL does not read exactly, `sql_unsupported`),
 * led by the file, as the in-memory reader's errors are (`usage.ndjson line 1: timestamp …`); any other
 * error as it is (a meter that does not compile names its path in the contract).
 */
export function namingUsageFile(file: string, error: unknown): unknown {
  if (!isRatecardError(error) || error.path !== "") return error;
  // The in-memory reader's sentence for the first refused event (another system's event has path ""
  // too) already leads with the file and its line.
  if (error.message.startsWith(`${file} `)) return error;
  if (error.code !== "invalid_event" && error.code !== "sql_unsupported") return error;
  return new UsageLineError(`${file}: ${error.message}`);
}

// The search of a file for what DuckDB's reader reads and ratecard's refuses: a JSON file's events, a
// CSV file's quotes out of place (none for Parquet, which only DuckDB reads).
function searchFor(format: DuckdbFormat, file: string, timestamps: UsageTimestamps): () => Promise<unknown> {
  if (format === "ndjson") return () => refusedLinesError(file, timestamps);
  if (format === "json") return () => refusedElementsError(file, timestamps);
  if (format === "csv") return () => csvQuoteRefusal(file);
  return noRefusal;
}

const noRefusal = async (): Promise<unknown> => undefined;

// False for a file that cannot be read: DuckDB then says why.
function isEmptyFile(file: string): boolean {
  try {
    return statSync(file).size === 0;
  } catch {
    return false;
  }
}

// The FROM item and column mapping of the file: JSON events keep their properties as JSON; a CSV
// file's columns other than the event fields are its properties (text, as ratecard reads CSV).
async function usageSourceOf(
  connection: DuckdbConnection,
  file: string,
  format: DuckdbFormat,
  timestamps: UsageTimestamps,
): Promise<SqlUsageSource> {
  const source = await sourceOf(connection, file, format, timestamps);
  // Counts since 1970 are read by the SQL as the in-memory engine reads them (src/sql/instantSql.ts).
  // A Parquet column of a timestamp type is an instant whatever --timestamps says.
  return timestamps === "text" || source.timestamp === "native"
    ? source
    : { ...source, timestamp: timestamps };
}

async function sourceOf(
  connection: DuckdbConnection,
  file: string,
  format: DuckdbFormat,
  timestamps: UsageTimestamps,
): Promise<SqlUsageSource> {
  const path = `'${file.replaceAll("'", "''")}'`;
  const columns = (fields: "VARCHAR" | "JSON") =>
    `columns = {id: '${fields}', type: '${fields}', customer: '${fields}', timestamp: '${fields}', properties: 'JSON'}`;
  // NDJSON: the fields read as text (a line where one is not is refused by refusedLinesError, which
  // reads every line); a JSON array has no lines to search, so its fields are read as JSON and tested.
  if (format === "ndjson")
    return {
      from: eventsAsRatecardReadsThem(
        `read_json(${path}, format = 'newline_delimited', ${columns("VARCHAR")})`,
        "text",
        timestamps,
      ),
      properties: { json: "properties" },
    };
  if (format === "json")
    return {
      from: eventsAsRatecardReadsThem(
        `read_json(${path}, format = 'array', ${columns("JSON")})`,
        "json",
        timestamps,
      ),
      properties: { json: "properties" },
    };
  if (format === "parquet") {
    const from = `read_parquet(${path})`;
    return parquetUsageSource(from, file, await describeColumns(connection, from, file, format), timestamps);
  }
  // An empty file, or one of blank lines (after a byte order mark), is no events, as ratecard's reader
  // has it (DuckDB would name a column "column0", or find no header row).
  if (isBlankFile(file, CSV_BLANK_BYTES))
    return {
      from: `(SELECT ${EVENT_COLUMNS.map((name) => `CAST(NULL AS VARCHAR) AS "${name}"`).join(", ")} WHERE FALSE)`,
      properties: { columns: {} },
    };
  // The header as ratecard's own reader reads and checks it (its sentences: a missing, repeated or
  // unnamed column), not as DuckDB does: DuckDB trims " gb" to "gb", renames a second "gb" "gb_1" and an
  // unnamed column "column5", and so billed a file the in-memory engine refuses or bills otherwise.
  const header = await csvHeader(fileInput(file));
  const read = `read_csv(${path}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;
  const names = (await describeColumns(connection, read, file, format)).map((column) => column.name);
  // DuckDB's sniffer takes a later row's cell count for the header's (a row with a cell too many), so
  // the in-memory reader's sentence for that row, with its line, comes first.
  if (names.length !== header.length)
    throw (
      (await csvRowsRefusal(file)) ??
      new UsageLineError(
        `DuckDB could not read ${file}: it finds ${names.length} columns in the header row, where ratecard finds ${header.length}`,
      )
    );
  const from = columnsNamedAs(read, names, header);
  const properties = Object.fromEntries(
    header.filter((name) => !EVENT_COLUMNS.includes(name)).map((name) => [name, quoted(name)]),
  );
  return { from, properties: { columns: properties } };
}

// The columns a FROM item gives, in order, with DuckDB's names and types for them.
async function describeColumns(
  connection: DuckdbConnection,
  from: string,
  file: string,
  format: DuckdbFormat,
): Promise<{ name: string; type: string }[]> {
  const described = (
    await readRows(connection, `DESCRIBE SELECT * FROM ${from}`, file, format)
  ).getRowObjectsJS();
  return described.map((row) => {
    const { column_name: name, column_type: type } = row as { column_name: unknown; column_type: unknown };
    return { name: String(name), type: String(type) };
  });
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * A CSV file's FROM item with its columns named as the header row names them (`header`), where DuckDB
 * named them otherwise (`names`, position by position); the file's own FROM item when they agree.
 */
function columnsNamedAs(read: string, names: ReadonlyArray<string>, header: ReadonlyArray<string>): string {
  if (names.every((name, index) => name === header[index])) return read;
  const columns = names.map((name, index) => `${quoted(name)} AS ${quoted(header[index]!)}`);
  return `(SELECT ${columns.join(", ")} FROM ${read})`;
}

/**
 * The JSON events of a `read_json`, with the rows the in-memory reader refuses (src/events) left without
 * a field, so that every consumer counts them as malformed events and refuses the file
 * (`invalid_event`): properties that are not an object of flat values (a nested object was an
 * `invalid_value`, another property's list or object was not looked at) leave the event without its
 * type, so that its id is the first id the refusal names. Fields read as JSON (`json`): one that is not
 * JSON text is none (DuckDB's VARCHAR cast read `"id": 1` as "1"). Fields read as text (`text`, an
 * NDJSON file, whose lines refusedLinesError searches for such fields instead: reading JSON and
 * unquoting it cost a quarter of the query, docs/scale-measurements.md) are taken as they are. The
 * tests ride the scan: the first byte of the minified JSON DuckDB keeps, and the types of the
 * properties only for the few rows whose text has `:{` or `:[`.
 */
function eventsAsRatecardReadsThem(
  reader: string,
  fields: "json" | "text",
  timestamps: UsageTimestamps,
): string {
  const json = (name: string) => `CAST("${name}" AS VARCHAR)`;
  const text = (name: string) =>
    fields === "text"
      ? `"${name}"`
      : `CASE WHEN starts_with(${json(name)}, '"') THEN json_extract_string("${name}", '$') END`;
  // A count since 1970 may be a number: as DuckDB writes it, the shortest text of its double, as JSON.parse
  // and String() read it in the in-memory engine (1.005, 1770000000.1234567), with an exponent below 1e-4
  // ("1.5e-05", JSON "1.5e-6"), 0 ms in either unit, and from 1e16 ("1e+16"), past the year 9999 in both
  // and refused as such. Text in a JSON array stays text, its exponent refused, as in memory (an NDJSON
  // line with such text is found by refusedLinesError).
  const smallNumber = (value: string) =>
    `CASE WHEN regexp_full_match(${value}, '[1-9](.[0-9]+)?e-0*([4-9]|[1-9][0-9]+)') THEN '0' ELSE ${value} END`;
  const instant =
    timestamps === "text"
      ? text("timestamp")
      : fields === "text"
        ? smallNumber(`"timestamp"`)
        : `CASE WHEN starts_with(${json("timestamp")}, '"') THEN json_extract_string("timestamp", '$') WHEN json_type("timestamp") IN ('UBIGINT', 'BIGINT', 'DOUBLE', 'HUGEINT') THEN ${smallNumber(json("timestamp"))} END`;
  // CASE, not AND: DuckDB computes a CASE branch only for the rows that reach it.
  const flat = `CASE WHEN "properties" IS NULL THEN TRUE WHEN NOT starts_with(${json("properties")}, '{') THEN FALSE WHEN contains(${json("properties")}, ':{') OR contains(${json("properties")}, ':[') THEN NOT list_has_any(json_type("properties", '$.*'), ['OBJECT', 'ARRAY']) ELSE TRUE END`;
  return `(SELECT ${text("id")} AS id, CASE WHEN ${flat} THEN ${text("type")} END AS type, ${text("customer")} AS customer, ${instant} AS timestamp, "properties" AS properties FROM ${reader})`;
}

// DuckDB's own errors are about the file it reads (a malformed row, a missing column): the caller's to fix.
async function readRows(
  connection: DuckdbConnection,
  sql: string,
  file: string,
  format: DuckdbFormat,
  timestamps: UsageTimestamps = "text",
) {
  try {
    return await connection.runAndReadAll(sql);
  } catch (error) {
    throw await unreadable(file, format, error, timestamps);
  }
}

async function* streamRows(
  connection: DuckdbConnection,
  sql: string,
  file: string,
  format: DuckdbFormat,
  timestamps: UsageTimestamps,
): AsyncGenerator<ReadonlyArray<Record<string, unknown>>> {
  try {
    for await (const rows of (await connection.stream(sql)).yieldRowObjectJs()) yield rows;
  } catch (error) {
    throw await unreadable(file, format, error, timestamps);
  }
}

// DuckDB's own errors are about the file it reads (a malformed row, a missing column): the caller's to fix.
// A file the in-memory engine refuses too is told as it tells it, with the line: a CSV file's malformed
// rows, JSON DuckDB's reader finds malformed (a comma before an array's `]`: "Malformed JSON … at byte 1
// in record/value 4").
async function unreadable(
  file: string,
  format: DuckdbFormat,
  error: unknown,
  timestamps: UsageTimestamps,
): Promise<unknown> {
  const refusal =
    format === "csv"
      ? await csvRowsRefusal(file)
      : format === "parquet"
        ? undefined
        : await memoryReaderRefusal(file, format, timestamps);
  if (refusal !== undefined) return refusal;
  const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
  return new UsageLineError(`DuckDB could not read ${file}: ${reason}`);
}
