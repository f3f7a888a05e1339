import type { SqlUsageSource, UsageTimestamps } from "../index.js";
import { UsageError } from "../index.js";
import { parquetMissingColumns } from "./messages.js";

/** The columns a Parquet usage file needs: the four event fields and its properties as one column. */
const PARQUET_COLUMNS = ["id", "type", "customer", "timestamp", "properties"] as const;

/**
 * The usage source of a Parquet file (`from`, its `read_parquet`) whose columns DuckDB describes as
 * `columns`: the properties read from the column `properties` (JSON text), the timestamp as DuckDB's
 * instant when the column is one of its timestamp types (TIMESTAMP WITH TIME ZONE, TIMESTAMP,
 * TIMESTAMP_S/_MS/_NS, as a warehouse unload writes it; to the millisecond, floored, one without a zone
 * as UTC), else as ISO text. A column is found as DuckDB's SQL finds it, whatever its capitals.
 * @throws UsageError (`unreadable_usage`) when a column is missing, such as the `properties` of a
 * warehouse unload that wrote each property as a column of its own: DuckDB's "Binder Error: Referenced
 * column "properties" not found" named no fix, and `ratecard usage` read every row as an event without
 * properties.
 */
export function parquetUsageSource(
  read: string,
  file: string,
  columns: ReadonlyArray<{ name: string; type: string }>,
  timestamps: UsageTimestamps = "text",
): SqlUsageSource {
  const found = PARQUET_COLUMNS.map((name) => columnNamed(columns, name));
  const missing = PARQUET_COLUMNS.filter((_, index) => found[index] === undefined);
  if (missing.length > 0) {
    const others = columns.filter((column) => !found.includes(column)).map((column) => column.name);
    throw UsageError.from(parquetMissingColumns(file, missing, others), file);
  }
  const native = found[3]?.type.startsWith("TIMESTAMP") ?? false;
  // Named in capitals (a Snowflake unload writes ID, TYPE, …): DuckDB's SQL finds them, and its rows
  // carry the file's names, so the FROM item renames them for the readers of rows (`ratecard usage`).
  // Properties written as a MAP or STRUCT (a warehouse's MAP(VARCHAR, VARCHAR)) are cast to their JSON
  // object: DuckDB hands a MAP's rows over as a list of entries, and an empty MAP as [], which the
  // readers of rows could not tell from a list of values; as JSON an empty MAP is {}, as it is to the
  // aggregating query.
  const nested = /^(MAP|STRUCT)\(/.test(found[4]?.type ?? "");
  // A count since 1970 (--timestamps epoch_s or epoch_ms) in an integer, decimal or text column is read
  // from its text, which every reader of rows takes as it is (a BIGINT or DECIMAL would reach JavaScript
  // as a bigint or a double).
  const counts = timestamps !== "text" && !native;
  const plain = found.every((column, index) => column?.name === PARQUET_COLUMNS[index]);
  const from =
    plain && !nested && !counts
      ? read
      : `(SELECT ${found.map((column, index) => columnAs(column?.name ?? "", PARQUET_COLUMNS[index]!, nested, counts)).join(", ")} FROM ${read})`;
  return { from, properties: { json: "properties" }, ...(native ? { timestamp: "native" } : {}) };
}

// A column of the FROM item under ratecard's name, the properties as JSON when they are `nested`, the
// timestamp as text when it holds `counts` since 1970.
function columnAs(
  name: string,
  as: (typeof PARQUET_COLUMNS)[number],
  nested: boolean,
  counts: boolean,
): string {
  if (as === "properties" && nested) return `CAST(${quoted(name)} AS JSON) AS ${as}`;
  if (as === "timestamp" && counts) return `CAST(${quoted(name)} AS VARCHAR) AS ${as}`;
  return `${quoted(name)} AS ${as}`;
}

// The column of that name, as DuckDB's SQL finds it: as written, else in other capitals.
function columnNamed(columns: ReadonlyArray<{ name: string; type: string }>, name: string) {
  return (
    columns.find((column) => column.name === name) ??
    columns.find((column) => column.name.toLowerCase() === name)
  );
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
