import type { CsvBatch } from "./csvRecords.js";
import { csvFlattenedPropertyColumn, csvJsonPropertiesColumn } from "./messages.js";
import { reportWarning } from "./stderr.js";

// A property path flattened into a column name: `properties.gb` (pandas' json_normalize, jq, Spark and
// BigQuery write nested fields so) or `properties_gb` (Snowflake's and many an unload's underscore).
const FLATTENED = /^properties[._](.+)$/i;

/** A CSV usage column named as a flattened property path, and the property it most likely holds. */
export interface FlattenedColumn {
  readonly column: string;
  readonly property: string;
}

/**
 * The columns of a CSV usage header named as a flattened path into the event's `properties`
 * (`properties.gb`, `properties_gb`) whose property (`gb`) is no column of its own. Each is read as
 * the property named as the column, as every column is; a meter that reads `gb` then finds none.
 * @example flattenedPropertyColumns(["id", "properties.gb"]) // [{ column: "properties.gb", property: "gb" }]
 * @example flattenedPropertyColumns(["gb", "properties.gb"]) // []
 */
export function flattenedPropertyColumns(names: ReadonlyArray<string>): FlattenedColumn[] {
  return names.flatMap((column) => {
    const property = FLATTENED.exec(column)?.[1];
    return property === undefined || names.includes(property) ? [] : [{ column, property }];
  });
}

// A file read twice (deduplication, then aggregation) or by two engines is warned about once.
const warned = new Set<string>();

/**
 * Warns on stderr, once per file, of each {@link flattenedPropertyColumns} column: the file is rated as
 * it is (a contract may read a property named "properties.gb"), and the warning names the column and
 * what to call it.
 */
export function warnOfFlattenedColumns(file: string, names: ReadonlyArray<string>): void {
  if (warned.has(file)) return;
  warned.add(file);
  for (const { column, property } of flattenedPropertyColumns(names))
    reportWarning(csvFlattenedPropertyColumn(file, column, property));
}

/** A CSV usage column "properties" whose first cell with a value holds a JSON object, and where. */
export interface JsonPropertiesColumn {
  readonly column: string;
  readonly line: number;
  readonly cell: string;
  /** The object's keys: the properties a meter would look for (at most five named). */
  readonly keys: ReadonlyArray<string>;
}

/**
 * The column named "properties" (in any case) of a CSV usage file whose first cell with a value, among
 * `rows` (the first rows after the header), holds a JSON object: an export that kept each event's
 * properties as one column (`{"gb": 10}`). Such a cell is one property holding that text: a CSV is read
 * by its columns on both engines, never by opening a cell, so a contract that reads a property named
 * "properties" is billed as before. A column of plain values ("7") is no such column.
 * @example jsonPropertiesColumn(["id", "properties"], { records: [["e1", '{"gb": 10}']], firstLines: [2] })
 *   // { column: "properties", line: 2, cell: '{"gb": 10}', keys: ["gb"] }
 */
export function jsonPropertiesColumn(
  names: ReadonlyArray<string>,
  rows: Pick<CsvBatch, "records" | "firstLines">,
): JsonPropertiesColumn | undefined {
  const index = names.findIndex((name) => name.toLowerCase() === "properties");
  if (index < 0) return undefined;
  const row = rows.records.findIndex((cells) => (cells[index] ?? "").trim() !== "");
  const cell = row < 0 ? "" : (rows.records[row]?.[index] ?? "").trim();
  if (!cell.startsWith("{")) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(cell);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const keys = Object.keys(value).slice(0, 5);
  return { column: names[index] as string, line: rows.firstLines[row] as number, cell, keys };
}

/** Warns on stderr, once per file, of a {@link jsonPropertiesColumn}; the file is rated as it is. */
export function warnOfJsonPropertiesColumn(
  file: string,
  names: ReadonlyArray<string>,
  rows: Pick<CsvBatch, "records" | "firstLines">,
): void {
  const key = `${file}\u0000properties`;
  if (warned.has(key)) return;
  warned.add(key);
  const found = jsonPropertiesColumn(names, rows);
  if (found !== undefined)
    reportWarning(csvJsonPropertiesColumn(file, found.column, found.line, found.cell, found.keys));
}
