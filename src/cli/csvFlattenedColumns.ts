import { csvFlattenedPropertyColumn } from "./messages.js";
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
