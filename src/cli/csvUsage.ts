import { CsvError, type Info, parse as parseCsv } from "csv-parse";
import { isRatecardError, parseUsageEvent, UsageError, type UsageEvent } from "../index.js";
import { csvColumnTwice, csvColumnWithoutName, csvMissingColumns, csvWithoutHeader } from "./messages.js";
import type { PassGuard, TextInput } from "./readLines.js";

const REQUIRED = ["id", "type", "customer", "timestamp"] as const;

/** Where the header row put each column: the four event fields, and every other column a property. */
interface CsvColumns {
  readonly names: ReadonlyArray<string>;
  readonly field: Readonly<Record<(typeof REQUIRED)[number], number>>;
}

/**
 * The events of a CSV file: a header row naming at least `id`, `type`, `customer` and `timestamp`
 * (any other column is an event property; an empty cell means the property is absent). Each event
 * and each error names the physical line of its row, as csv-parse counts them: a row whose quoted
 * cell spans lines is "lines 4–5", and blank lines are counted although they are skipped. `guard`
 * runs before and after the pass.
 * @throws UsageError `invalid_csv` for a missing header row, a row with more or fewer cells than the
 *   header, an unclosed quote; `duplicate_key` for a column named twice
 */
export async function* streamCsv(input: TextInput, guard: PassGuard): AsyncGenerator<UsageEvent> {
  const file = input.name;
  await guard();
  const parser = input.open().pipe(parseCsv({ bom: true, skip_empty_lines: true, info: true }));
  let columns: CsvColumns | undefined;
  // Where the previous row ended, and how many blank lines csv-parse had skipped by then: the next
  // row starts on the line after, plus the blank lines skipped since.
  let after = { lines: 0, emptyLines: 0 };
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      const first = firstLine(after, info);
      const where = first === info.lines ? `line ${first}` : `lines ${first}–${info.lines}`;
      after = { lines: info.lines, emptyLines: info.empty_lines };
      if (columns === undefined) columns = readHeader(record, file, where);
      else yield parseUsageEvent(toRawEvent(record, columns), `${file} ${where}`);
    }
  } catch (error) {
    if (isRatecardError(error) || !isCsvError(error)) throw error;
    throw malformedRow(error, file, firstLine(after, error), columns);
  }
  await guard();
}

function firstLine(after: { lines: number; emptyLines: number }, info: Info): number {
  return after.lines + (info.empty_lines - after.emptyLines) + 1;
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
  if (missing.length > 0)
    throw UsageError.from(csvMissingColumns(file, where, missing), missing[0]!, { file, missing });
  return {
    names,
    field: {
      id: seen.get("id")!,
      type: seen.get("type")!,
      customer: seen.get("customer")!,
      timestamp: seen.get("timestamp")!,
    },
  };
}

// Properties are built from entries (not assigned one by one) so a column named "__proto__" is a
// property like any other, never the object's prototype.
function toRawEvent(cells: ReadonlyArray<string>, columns: CsvColumns) {
  const { field, names } = columns;
  const properties: [string, string][] = [];
  for (let index = 0; index < names.length; index += 1) {
    const name = names[index]!;
    const value = cells[index]!;
    if (value !== "" && name !== "id" && name !== "type" && name !== "customer" && name !== "timestamp")
      properties.push([name, value]);
  }
  return {
    id: cells[field.id],
    type: cells[field.type],
    customer: cells[field.customer],
    timestamp: cells[field.timestamp],
    properties: Object.fromEntries(properties),
  };
}

// csv-parse's errors carry the parser's counts (lines, empty lines) and the row they stopped at.
type CsvRowError = CsvError & Info & { readonly record?: ReadonlyArray<string> };

function isCsvError(error: unknown): error is CsvRowError {
  return error instanceof CsvError;
}

function malformedRow(
  error: CsvRowError,
  file: string,
  first: number,
  columns: CsvColumns | undefined,
): UsageError {
  const where = first >= error.lines ? `line ${first}` : `lines ${first}–${error.lines}`;
  const details = { file, line: first, csv: error.code };
  const message = (() => {
    switch (error.code) {
      case "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH": {
        const cells = error.record?.length ?? 0;
        const expected = columns?.names.length ?? 0;
        return `${file} ${where} has ${cells} cell${cells === 1 ? "" : "s"} but the header row has ${expected} columns; a cell was ${cells < expected ? "left out" : "added"} (a comma inside a value must be quoted: "1,5").`;
      }
      case "CSV_QUOTE_NOT_CLOSED":
        return `${file} line ${first}: a quoted cell opened on this row is never closed; every " that starts a cell needs a closing ".`;
      case "CSV_INVALID_CLOSING_QUOTE":
      case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
        return `${file} ${where}: text follows the closing quote of a cell; a quote inside a quoted cell is written twice ("say ""hi""").`;
      default:
        return `${file} ${where} is not valid CSV (${error.message}).`;
    }
  })();
  return new UsageError("invalid_csv", "", message, details);
}
