import { extname } from "node:path";
import {
  type Contract,
  compileUsageSql,
  type Invoice,
  prepareRating,
  type RateInvoiceOptions,
  rateFromAggregates,
  type SqlUsageSource,
  usageAggregatesFromSql,
} from "../index.js";
import { UsageLineError } from "./cliSupport.js";

/** The formats DuckDB reads a usage file in: ratecard's three and Parquet. */
const DUCKDB_FORMATS = ["ndjson", "csv", "json", "parquet"] as const;
type DuckdbFormat = (typeof DUCKDB_FORMATS)[number];

const EVENT_COLUMNS = ["id", "type", "customer", "timestamp"];

// The slice of @duckdb/node-api the engine uses (an optional dependency, loaded only when asked for).
interface DuckdbConnection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getRowObjectsJS(): unknown[] }>;
  closeSync(): void;
}
interface DuckdbModule {
  DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<DuckdbConnection> }> };
}

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
): Promise<Invoice> {
  if (file === "-")
    throw new UsageLineError(
      "--engine duckdb reads a usage file, not standard input; name the file with --usage",
    );
  const chosen = duckdbFormat(file, format);
  const duckdb = await loadDuckdb();
  const instance = await duckdb.DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    // Text instants without a zone, and Parquet TIMESTAMP columns, are read as UTC, as ratecard reads them.
    await connection.run("SET TimeZone = 'UTC'");
    const { daily, ...rating } = options;
    const prepared = prepareRating(contract, period, { daily: daily === true });
    const source = await usageSourceOf(connection, file, chosen);
    const results: unknown[][] = [];
    for (const sql of compileUsageSql(prepared, "duckdb", source).queries)
      results.push((await readRows(connection, sql, file)).getRowObjectsJS());
    return rateFromAggregates(prepared, usageAggregatesFromSql(prepared, results), rating);
  } finally {
    connection.closeSync();
  }
}

/** Whether @duckdb/node-api, an optional dependency, is installed and loads. */
export async function duckdbAvailable(): Promise<boolean> {
  return (await importDuckdb()) !== undefined;
}

async function importDuckdb(): Promise<DuckdbModule | undefined> {
  try {
    // A variable specifier: bundlers leave the optional dependency out of the build.
    const name = "@duckdb/node-api";
    return (await import(name)) as DuckdbModule;
  } catch {
    return undefined;
  }
}

async function loadDuckdb(): Promise<DuckdbModule> {
  const duckdb = await importDuckdb();
  if (duckdb === undefined)
    throw new UsageLineError(
      "--engine duckdb needs the optional package @duckdb/node-api, which is not installed: run `npm install @duckdb/node-api` (or use --engine memory)",
    );
  return duckdb;
}

/** The format DuckDB reads the file in: --usage-format, else the file's extension; undefined if none. */
export function duckdbFormatOf(file: string, format: string | undefined): DuckdbFormat | undefined {
  const named =
    format ??
    { ".ndjson": "ndjson", ".jsonl": "ndjson", ".csv": "csv", ".json": "json", ".parquet": "parquet" }[
      extname(file).toLowerCase()
    ];
  return DUCKDB_FORMATS.find((name) => name === named);
}

function duckdbFormat(file: string, format: string | undefined): DuckdbFormat {
  const found = duckdbFormatOf(file, format);
  if (found === undefined)
    throw new UsageLineError(
      `--engine duckdb reads ${DUCKDB_FORMATS.join(", ")} usage files; name the format of ${file} with --usage-format`,
    );
  return found;
}

// The FROM item and column mapping of the file: JSON events keep their properties as JSON; a CSV
// file's columns other than the event fields are its properties (text, as ratecard reads CSV).
async function usageSourceOf(
  connection: DuckdbConnection,
  file: string,
  format: DuckdbFormat,
): Promise<SqlUsageSource> {
  const path = `'${file.replaceAll("'", "''")}'`;
  const columns =
    "columns = {id: 'VARCHAR', type: 'VARCHAR', customer: 'VARCHAR', timestamp: 'VARCHAR', properties: 'JSON'}";
  if (format === "ndjson")
    return {
      from: `read_json(${path}, format = 'newline_delimited', ${columns})`,
      properties: { json: "properties" },
    };
  if (format === "json")
    return { from: `read_json(${path}, format = 'array', ${columns})`, properties: { json: "properties" } };
  if (format === "parquet") return { from: `read_parquet(${path})`, properties: { json: "properties" } };
  const from = `read_csv(${path}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;
  const described = (await readRows(connection, `DESCRIBE SELECT * FROM ${from}`, file)).getRowObjectsJS();
  const names = described.map((row) => String((row as { column_name: unknown }).column_name));
  const properties = Object.fromEntries(
    names
      .filter((name) => !EVENT_COLUMNS.includes(name))
      .map((name) => [name, `"${name.replaceAll('"', '""')}"`]),
  );
  return { from, properties: { columns: properties } };
}

// DuckDB's own errors are about the file it reads (a malformed row, a missing column): the caller's to fix.
async function readRows(connection: DuckdbConnection, sql: string, file: string) {
  try {
    return await connection.runAndReadAll(sql);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new UsageLineError(`DuckDB could not read ${file}: ${reason}`);
  }
}
