import { statSync } from "node:fs";
import { type Contract, compileUsageSql, isRatecardError, prepareRating } from "../index.js";
import { flagChoice, UsageLineError } from "./cliSupport.js";
import { duckdbFormatOf, startsWithByteOrderMark } from "./duckdbFormat.js";
import { duckdbAvailable } from "./duckdbModule.js";
import { usageFileKind } from "./usageFile.js";

/**
 * The engines `--engine` names: `auto` (the default) picks DuckDB for a large local file when it can
 * aggregate it, else ratecard's own streaming aggregator (`memory`).
 */
const ENGINES = ["auto", "memory", "duckdb"] as const;
export type Engine = (typeof ENGINES)[number];

/**
 * From this size on, `--engine auto` aggregates a file with DuckDB: 32 MiB, about 200,000 NDJSON
 * events of docs/scale.md's shape. Below it DuckDB's start (loading the native library, planning the
 * query) costs more than it saves. RATECARD_AUTO_DUCKDB_BYTES sets another size (the tests use 0).
 */
const AUTO_DUCKDB_BYTES = 32 * 1024 * 1024;
const THRESHOLD_VARIABLE = "RATECARD_AUTO_DUCKDB_BYTES";

/** The engine --engine names (auto when left out). @throws UsageLineError for any other name. */
export function engineNamed(name: string | undefined): Engine {
  if (name === undefined) return "auto";
  return flagChoice("--engine", name, ENGINES);
}

/** What a rating asks of the engine that aggregates its usage file. */
export interface EngineRequest {
  /** The contracts rated from the file: one, or a batch's. */
  readonly contracts: ReadonlyArray<Contract>;
  readonly file: string;
  readonly format: string | undefined;
  readonly period: string;
  readonly daily: boolean;
  /**
   * Under auto, DuckDB for a Parquet file only, whatever another file's size: `ratecard batch`, where its
   * query per plan costs about the CPU of the split pass it would replace, which also takes --workers
   * (docs/sql-engines.md).
   */
  readonly parquetOnly?: boolean;
}

/** The engine that aggregates, and the sentence that says why when it is not the quiet default. */
export interface EngineChoice {
  readonly engine: "memory" | "duckdb";
  readonly note?: string;
}

/**
 * The engine for a rating: the one named, or under `auto` DuckDB when the file is local, at least
 * {@link AUTO_DUCKDB_BYTES} (or Parquet, which only DuckDB reads), in a format DuckDB reads, with
 * `@duckdb/node-api` installed, and every meter compiles to SQL (a computed value with more decimals
 * than DuckDB keeps does not); else memory (`parquetOnly`: Parquet only, whatever the size). Whatever
 * `auto` cannot hand to DuckDB falls back to memory with a note (never an error); an explicit
 * `--engine duckdb` is refused instead, by the DuckDB engine itself.
 */
export async function chooseEngine(engine: Engine, request: EngineRequest): Promise<EngineChoice> {
  // A usage path that cannot be read is refused in one sentence whichever engine would read it (DuckDB's
  // own failure was an internal error under `invoice` and an uncaught one under `batch`).
  if (request.file !== "-") await usageFileKind(request.file);
  if (engine !== "auto") return { engine };
  const { file } = request;
  if (file === "-") return { engine: "memory" };
  const format = duckdbFormatOf(file, request.format);
  if (format === undefined) return { engine: "memory" };
  if (format !== "parquet" && request.parquetOnly === true) return { engine: "memory" };
  const size = fileSize(file);
  const threshold = autoThreshold();
  if (format !== "parquet" && (size === undefined || size < threshold)) return { engine: "memory" };
  const why =
    format === "parquet"
      ? `${file} is Parquet`
      : `${file} is ${megabytes(size ?? 0)} MiB, at least the ${megabytes(threshold)} MiB above which --engine auto uses DuckDB`;
  const fallback = (reason: string): EngineChoice => ({
    engine: "memory",
    note: `${why}; aggregating with ratecard's own engine instead, because ${reason}`,
  });
  const unsupported = request.contracts
    .map((contract) => sqlRefusal(contract, request.period, request.daily))
    .find((sentence) => sentence !== undefined);
  if (unsupported !== undefined) return fallback(sentenceTail(unsupported));
  if (startsWithByteOrderMark(file, format))
    return fallback("it starts with a byte order mark, which DuckDB's JSON reader refuses");
  if (!(await duckdbAvailable()))
    return fallback("the optional package @duckdb/node-api is not installed (npm install @duckdb/node-api)");
  return {
    engine: "duckdb",
    note: `${why}: aggregating with DuckDB (--engine memory for ratecard's own engine)`,
  };
}

// The sentence of a contract whose meters do not compile to SQL; any other error (a bad period) is left
// for the rating to report, as either engine does.
function sqlRefusal(contract: Contract, period: string, daily: boolean): string | undefined {
  try {
    compileUsageSql(prepareRating(contract, period, { daily }), "duckdb", {
      from: "usage",
      properties: { json: "properties" },
    });
    return undefined;
  } catch (error) {
    return isRatecardError(error) && error.code === "sql_unsupported" ? error.message : undefined;
  }
}

function fileSize(file: string): number | undefined {
  try {
    return statSync(file).size;
  } catch {
    return undefined;
  }
}

function autoThreshold(): number {
  const text = process.env[THRESHOLD_VARIABLE];
  if (text === undefined || text === "") return AUTO_DUCKDB_BYTES;
  if (!/^\d{1,15}$/.test(text))
    throw new UsageLineError(`${THRESHOLD_VARIABLE} must be a whole number of bytes, not "${text}"`);
  return Number(text);
}

/** A sentence to follow "because": its first letter small, its last full stop gone. */
export const sentenceTail = (sentence: string) =>
  `${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`.replace(/\.$/, "");

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);
