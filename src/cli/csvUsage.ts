import {
  isRatecardError,
  parseUsageEvent,
  safeParseUsageEvent,
  UsageError,
  type UsageEvent,
  type UsageTimestamps,
} from "../index.js";
import { type BadEventSink, badEventOf } from "./badEvents.js";
import { warnOfFlattenedColumns, warnOfJsonPropertiesColumn } from "./csvFlattenedColumns.js";
import { type CsvBatch, csvRecordBatches } from "./csvRecords.js";
import {
  csvColumnTwice,
  csvColumnWithoutName,
  csvMissingColumns,
  csvRowsAfterNotRead,
  csvWithoutHeader,
} from "./messages.js";
import type { PassGuard, TextInput } from "./readLines.js";

const REQUIRED = ["id", "type", "customer", "timestamp"] as const;

/** Where the header row put each column: the four event fields, and every other column a property. */
interface CsvColumns {
  readonly names: ReadonlyArray<string>;
  readonly field: Readonly<Record<(typeof REQUIRED)[number], number>>;
  /** The columns that are properties (every one but the four fields), in the header's order. */
  readonly properties: ReadonlyArray<number>;
  /** True when a property column is named "__proto__", which an assignment would take for the prototype. */
  readonly prototypeColumn: boolean;
}

/**
 * The events of a CSV file: a header row naming at least `id`, `type`, `customer` and `timestamp`
 * (any other column is an event property; an empty cell means the property is absent), an array per
 * chunk of the file. Each event and each error names the physical line of its row, as csv-parse counts
 * them: a row whose quoted cell spans lines is "lines 4–5", and blank lines are counted although they
 * are skipped. `guard` runs before and after the pass.
 *
 * Given `onBad` (`batch --bad-events hold`), a row that is no valid event is handed to it and left out.
 * A row csv-parse cannot read (its cells miscounted, a quote not closed) names no customer for sure, and
 * csv-parse cannot find where the next row starts: it is handed over and the reading ends there (the
 * batch then holds every invoice, which the rows after it might belong to).
 * @throws UsageError `invalid_csv` for a missing header row, a row with more or fewer cells than the
 *   header, an unclosed quote; `duplicate_key` for a column named twice
 */
export async function* streamCsvBatches(
  input: TextInput,
  guard: PassGuard,
  timestamps: UsageTimestamps = "text",
  onBad?: BadEventSink,
): AsyncGenerator<UsageEvent[]> {
  const file = input.name;
  // Every cell is text: under an epoch option the timestamp cell "1770000000" is read as its number.
  const options = { timestamps };
  await guard();
  let columns: CsvColumns | undefined;
  try {
    for await (const batch of csvRecordBatches(input.open(), file, undefined, input.again)) {
      if (columns === undefined) {
        columns = readHeader(batch.records[0]!, file, where(batch, 0));
        continue;
      }
      // The first rows tell a "properties" column of JSON objects (an export's) from one of values.
      warnOfJsonPropertiesColumn(file, columns.names, batch);
      const events: UsageEvent[] = [];
      for (let i = 0; i < batch.records.length; i += 1) {
        const cells = batch.records[i]!;
        const raw = toRawEvent(cells, columns);
        // The label is built only for an event that fails (this runs for millions of events).
        const event = safeParseUsageEvent(raw, 0, options);
        if (event.success) events.push(event.data);
        else if (onBad === undefined)
          events.push(parseUsageEvent(raw, `${file} ${where(batch, i)}`, options));
        else {
          const refusal = safeParseUsageEvent(raw, `${file} ${where(batch, i)}`, options);
          const error = refusal.success ? undefined : refusal.error;
          onBad(badEventOf(error, { line: batch.firstLines[i]! }, raw, cells));
        }
      }
      yield events;
    }
  } catch (error) {
    // A row after the header that csv-parse cannot read: set aside, and the reading ends with it.
    if (
      onBad === undefined ||
      columns === undefined ||
      !isRatecardError(error) ||
      error.code !== "invalid_csv"
    )
      throw error;
    const line = error.details.line;
    if (typeof line !== "number") throw error;
    const bad = badEventOf(error, { line }, undefined, undefined);
    onBad({ ...bad, message: `${bad.message} ${csvRowsAfterNotRead()}` });
  }
  await guard();
}

/**
 * The column names of a CSV usage file's header row, exactly as the events pass reads them (csv-parse:
 * quotes removed, spaces kept), checked as that pass checks them: for an engine that reads the file
 * itself (DuckDB trims names and renames a repeated or unnamed column), so that both bill one header
 * one way. A file without rows has no header: an empty list.
 * @throws UsageError `invalid_csv` for a missing header row or a column without a name, `duplicate_key`
 *   for a column named twice, as {@link streamCsvBatches}
 */
export async function csvHeader(input: TextInput): Promise<ReadonlyArray<string>> {
  let names: ReadonlyArray<string> | undefined;
  try {
    for await (const batch of csvRecordBatches(input.open(), input.name, undefined, input.again)) {
      if (names !== undefined) {
        // The first rows, for a "properties" column of JSON objects: the engine reads no cell here.
        warnOfJsonPropertiesColumn(input.name, names, batch);
        return names;
      }
      readHeader(batch.records[0]!, input.name, where(batch, 0));
      names = batch.records[0]!;
    }
  } catch (error) {
    // A row after the header that cannot be read is the events pass's to report, with its own sentence.
    if (names === undefined || !isRatecardError(error) || error.code !== "invalid_csv") throw error;
  }
  return names ?? [];
}

/**
 * The ids of a CSV file's events, in row order, without validating the events (the deduplication
 * pass): an array per chunk. A file the events pass would refuse (no header row, a malformed row) ends
 * the ids there, quietly: the events pass reports it, with whatever event before it was wrong first.
 */
export async function* streamCsvIdBatches(input: TextInput, guard: PassGuard): AsyncGenerator<string[]> {
  await guard();
  let header = true;
  try {
    // Every row after the header holds its id alone.
    for await (const batch of csvRecordBatches(input.open(), input.name, "id", input.again)) {
      if (header) {
        if (!batch.records[0]!.includes("id")) return;
        header = false;
        continue;
      }
      yield batch.records.map((cells) => cells[0]!);
    }
  } catch (error) {
    if (isRatecardError(error) && error.code === "invalid_csv") return;
    throw error;
  }
  await guard();
}

// Where a row of a batch is: "line 4", or "lines 4–5" for a row whose quoted cell spans lines.
function where(batch: CsvBatch, index: number): string {
  const first = batch.firstLines[index]!;
  const last = batch.lastLines[index]!;
  return first === last ? `line ${first}` : `lines ${first}–${last}`;
}

function readHeader(names: ReadonlyArray<string>, file: string, where: string): CsvColumns {
  const seen = new Map<string, number>();
  for (const [index, name] of names.entries()) {
    if (name.trim() === "")
      throw UsageError.from(csvColumnWithoutName(file, where, index + 1), "", { file, column: index + 1 });
    const before = seen.get(name);
    if (before !== undefined)
      throw UsageError.from(csvColumnTwice(file, where, name, before + 1, index + 1), name, {
        file,
        key: name,
      });
    seen.set(name, index);
  }
  const missing = REQUIRED.filter((field) => !seen.has(field));
  if (missing.length === REQUIRED.length)
    throw UsageError.from(csvWithoutHeader(file, where, names), "", { file });
  if (missing.length > 0) {
    const nearly = names.filter((name) =>
      (missing as ReadonlyArray<string>).includes(name.trim().toLowerCase()),
    );
    throw UsageError.from(csvMissingColumns(file, where, missing, nearly), missing[0]!, { file, missing });
  }
  const properties = [...names.keys()].filter(
    (index) => !(REQUIRED as ReadonlyArray<string>).includes(names[index]!),
  );
  warnOfFlattenedColumns(file, names);
  return {
    names,
    properties,
    prototypeColumn: properties.some((index) => names[index] === "__proto__"),
    field: {
      id: seen.get("id")!,
      type: seen.get("type")!,
      customer: seen.get("customer")!,
      timestamp: seen.get("timestamp")!,
    },
  };
}

// The event of a row. Its properties are assigned one by one, the common case (this runs for millions of
// rows); a file with a column named "__proto__" has them built from entries, so that column is a
// property like any other, never the object's prototype.
function toRawEvent(cells: ReadonlyArray<string>, columns: CsvColumns) {
  const { field, names } = columns;
  let properties: Record<string, string> = {};
  if (columns.prototypeColumn) {
    const entries = columns.properties.map((index) => [names[index]!, cells[index]!] as const);
    properties = Object.fromEntries(entries.filter(([, value]) => value !== ""));
  } else {
    for (const index of columns.properties) {
      const value = cells[index]!;
      if (value !== "") properties[names[index]!] = value;
    }
  }
  return {
    id: cells[field.id],
    type: cells[field.type],
    customer: cells[field.customer],
    timestamp: cells[field.timestamp],
    properties,
  };
}
