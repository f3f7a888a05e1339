import { closeSync, openSync, readSync } from "node:fs";
import { extname } from "node:path";
import { UsageLineError } from "./cliSupport.js";

/** The formats DuckDB reads a usage file in: ratecard's three and Parquet. */
const DUCKDB_FORMATS = ["ndjson", "csv", "json", "parquet"] as const;
export type DuckdbFormat = (typeof DUCKDB_FORMATS)[number];

/** The format DuckDB reads the file in: --usage-format, else the file's extension; undefined if none. */
export function duckdbFormatOf(file: string, format: string | undefined): DuckdbFormat | undefined {
  const named =
    format ??
    { ".ndjson": "ndjson", ".jsonl": "ndjson", ".csv": "csv", ".json": "json", ".parquet": "parquet" }[
      extname(file).toLowerCase()
    ];
  return DUCKDB_FORMATS.find((name) => name === named);
}

/**
 * Whether an NDJSON or JSON file starts with a UTF-8 byte order mark, which ratecard's readers skip
 * (docs/cli.md: every format may start with one) and DuckDB's JSON reader refuses; its CSV reader skips
 * it, and Parquet has none. False for a file that cannot be read (DuckDB then says why).
 */
export function startsWithByteOrderMark(file: string, format: DuckdbFormat): boolean {
  if (format !== "ndjson" && format !== "json") return false;
  try {
    const descriptor = openSync(file, "r");
    try {
      const head = Buffer.alloc(3);
      return readSync(descriptor, head, 0, 3, 0) === 3 && head.equals(BYTE_ORDER_MARK);
    } finally {
      closeSync(descriptor);
    }
  } catch {
    return false;
  }
}

const BYTE_ORDER_MARK = Buffer.from([0xef, 0xbb, 0xbf]);

/** {@link duckdbFormatOf}, refused when the file names no format DuckDB reads. */
export function duckdbFormat(file: string, format: string | undefined): DuckdbFormat {
  const found = duckdbFormatOf(file, format);
  if (found === undefined)
    throw new UsageLineError(
      `--engine duckdb reads ${DUCKDB_FORMATS.join(", ")} usage files; name the format of ${file} with --usage-format`,
    );
  return found;
}
