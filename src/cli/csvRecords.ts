import { CsvError, type Info, type Options, parse as parseCsv } from "csv-parse";
import { UsageError } from "../index.js";
import { csvLineWatch } from "./csvLineEnds.js";
import { csvLineEndsMixed } from "./messages.js";
import { decoded, lineChunks } from "./readLines.js";

/** Rows of a CSV file in file order, each with the physical lines it spans (as csv-parse counts them). */
export interface CsvBatch {
  /** Each row's cells; when one column was asked for, each row after the header holds that cell alone. */
  readonly records: string[][];
  readonly firstLines: number[];
  readonly lastLines: number[];
}

/** Where a pass stands: the last line of the previous row, and the blank lines skipped by then. */
interface After {
  lines: number;
  emptyLines: number;
}

/** What the text before a fallback to csv-parse told: its lines, blank lines and header row. */
interface Resume {
  readonly text: string;
  readonly delimiter: "\n" | "\r\n" | undefined;
  readonly header: string | undefined;
  readonly lines: number;
  readonly emptyLines: number;
}

/**
 * The rows of a CSV file (`bom`, `skip_empty_lines`, comma, double quotes), exactly as csv-parse reads
 * them, the header row first in a batch of its own, then an array of rows per chunk of the file.
 *
 * Most rows of a usage file are plain: no quote, no carriage return inside, as many cells as the
 * header. Those are split on commas by hand, an order of magnitude faster than csv-parse. At the first
 * row that is not plain (a quoted cell, a row with too few or too many cells, a stray "\r"), the rest of
 * the file goes to csv-parse, given the header row again (it checks each row's cell count against the
 * first) and the line break the file uses, and its line counts are moved to the file's own: every row
 * and every error is then what csv-parse alone gives, line numbers included. A file that starts with a
 * UTF-16 byte order mark, a quote or a "\r" alone before its first line break goes to csv-parse whole.
 *
 * Given `only`, a column name, every row after the header keeps only that column's cell (the ids pass):
 * a plain row is then checked for its number of cells and cut at that cell, without a string per cell.
 * The rows, lines and errors are the same; a header without that column keeps every cell.
 * @throws UsageError `invalid_csv` for a malformed row, after the rows before it were yielded;
 * `unreadable_usage` for bytes that are not UTF-8 (the line found by reading `again`, when given)
 */
export async function* csvRecordBatches(
  stream: AsyncIterable<Buffer | string>,
  file: string,
  only?: string,
  again?: () => AsyncIterable<Buffer | string>,
): AsyncGenerator<CsvBatch> {
  const chunks = stream[Symbol.asyncIterator]();
  const head = await firstBytes(chunks);
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) {
    const start = { lines: 0, emptyLines: 0 };
    yield* fallback(prepend([head], chunks), file, start, undefined, undefined, only);
    return;
  }
  const texts = lineChunks(decoded(prepend([head], chunks), file, again));
  let delimiter: "\n" | "\r\n" | undefined;
  let expected: number | undefined;
  let header: string | undefined;
  const after: After = { lines: 0, emptyLines: 0 };
  let lines = 0;
  let emptyLines = 0;
  let column: number | undefined;
  for await (const text of texts) {
    delimiter ??= lineBreakOf(text);
    let batch = emptyBatch();
    let start = 0;
    // A chunk without a quote or a "\r" (a "\n" file's usual chunk) needs no look at each row for them.
    const unusual = text.indexOf('"') !== -1 || text.indexOf("\r") !== -1;
    const plain = delimiter !== undefined || !unusual;
    while (plain && start < text.length) {
      const next = text.indexOf("\n", start);
      const stop = next === -1 ? text.length : next;
      const end = delimiter === "\r\n" && next !== -1 ? stop - 1 : stop;
      // A "\r\n" file needs "\r" before each "\n"; no row may hold a quote or another "\r".
      if (end < start || (delimiter === "\r\n" && next !== -1 && text.charCodeAt(end) !== 13)) break;
      const line = text.slice(start, end);
      if (unusual && (line.indexOf('"') !== -1 || line.indexOf("\r") !== -1)) break;
      if (line === "") {
        lines += 1;
        emptyLines += 1;
        start = stop + 1;
        continue;
      }
      const cells = column === undefined ? ownCells(line) : cellOf(line, column, expected!);
      if (
        cells === undefined ||
        (expected !== undefined && column === undefined && cells.length !== expected)
      )
        break;
      lines += 1;
      after.lines = lines;
      after.emptyLines = emptyLines;
      batch.records.push(cells);
      batch.firstLines.push(lines);
      batch.lastLines.push(lines);
      start = stop + 1;
      if (expected === undefined) {
        // The header row goes alone, so its problems are reported before any row's.
        expected = cells.length;
        header = line;
        column = columnOf(cells, only);
        yield batch;
        batch = emptyBatch();
      }
    }
    if (batch.records.length > 0) yield batch;
    if (start < text.length) {
      const resume = { text: text.slice(start), delimiter, header, lines, emptyLines };
      yield* fallback(prepend([], texts), file, after, resume, expected, only);
      return;
    }
  }
}

/**
 * The rest of the file through csv-parse, from the first row that is not plain: the header row (and
 * the line break the file uses) given again first, and every line count moved by the lines before.
 */
async function* fallback(
  rest: AsyncIterable<Buffer | string>,
  file: string,
  after: After,
  resume: Resume | undefined,
  expected: number | undefined,
  only: string | undefined,
): AsyncGenerator<CsvBatch> {
  const lineBreak = resume?.delimiter ?? "\n";
  const prefix = resume?.header === undefined ? "" : `${resume.header}${lineBreak}`;
  // csv-parse's line n is the file's line n + shift (its line 1 is the header again, when given).
  const shift = resume === undefined ? 0 : resume.lines - (resume.header === undefined ? 0 : 1);
  const emptyShift = resume?.emptyLines ?? 0;
  const input = resume === undefined ? rest : prepend([prefix + resume.text], rest);
  const parser = csvParser({
    bom: true,
    skip_empty_lines: true,
    info: true,
    ...(resume?.delimiter === undefined ? {} : { record_delimiter: resume.delimiter }),
  });
  let skipHeader = resume?.header !== undefined;
  let columns = expected;
  let column = resume?.header === undefined ? undefined : columnOf(resume.header.split(","), only);
  let batch = emptyBatch();
  let rows: { record: string[]; info: Info }[] = [];
  const push = (row: { record: string[]; info: Info }) => rows.push(row);
  // A UTF-16 file (bytes, not text) is not watched for its line breaks; csv-parse's lines are its own.
  const watch = csvLineWatch(resume?.delimiter);
  // Every row csv-parse read before a problem is passed on before the problem is reported.
  const take = function* (): Generator<CsvBatch> {
    for (const { record, info } of rows) {
      const last = watch.physicalLine(info.lines) + shift;
      const emptyLines = info.empty_lines + emptyShift;
      const first = after.lines + (emptyLines - after.emptyLines) + 1;
      after.lines = last;
      after.emptyLines = emptyLines;
      if (skipHeader) {
        skipHeader = false;
        continue;
      }
      if (columns === undefined) {
        // The header row goes alone, so its problems are reported before any row's.
        columns = record.length;
        column = columnOf(record, only);
        yield { records: [record], firstLines: [first], lastLines: [last] };
        continue;
      }
      batch.records.push(column === undefined ? record : [record[column]!]);
      batch.firstLines.push(first);
      batch.lastLines.push(last);
    }
    rows = [];
    if (batch.records.length > 0) yield batch;
    batch = emptyBatch();
  };
  for await (const chunk of input) {
    const other = typeof chunk === "string" ? watch.feed(chunk) : undefined;
    if (other !== undefined) {
      // The rows before a line that ends the other way are read, and their problems reported, first:
      // the text up to that line's break, ended there; its own row, and a problem of that row, are not.
      const before = Buffer.from((chunk as string).slice(0, other.at));
      const problem = parser.parse(before, true, push, noop) as (Info & object) | undefined;
      rows = rows.filter(({ info }) => watch.physicalLine(info.lines) < other.line);
      yield* take();
      if (problem !== undefined && watch.physicalLine(problem.lines) < other.line)
        throw failure(problem, file, after, watch.physicalLine, shift, emptyShift, columns);
      const line = other.line + shift;
      throw UsageError.from(csvLineEndsMixed(file, line, other.found, other.expected), "", { file, line });
    }
    const problem = parser.parse(typeof chunk === "string" ? Buffer.from(chunk) : chunk, false, push, noop);
    yield* take();
    if (problem !== undefined)
      throw failure(problem, file, after, watch.physicalLine, shift, emptyShift, columns);
  }
  const problem = parser.parse(undefined, true, push, noop);
  yield* take();
  if (problem !== undefined)
    throw failure(problem, file, after, watch.physicalLine, shift, emptyShift, columns);
}

// csv-parse's own parser, fed chunk by chunk without a stream: it hands over each row as it ends and
// returns the error that stops it, so no row read before an error is lost (a stream may drop them).
interface CsvParserCore {
  parse(
    chunk: Buffer | undefined,
    end: boolean,
    push: (row: { record: string[]; info: Info }) => void,
    close: () => void,
  ): unknown;
}

function csvParser(options: Options): CsvParserCore {
  return (parseCsv(options) as unknown as { api: CsvParserCore }).api;
}

const noop = () => {};

// A csv-parse error with its line counts moved to the file's own physical lines.
function failure(
  error: unknown,
  file: string,
  after: After,
  physicalLine: (parserLine: number) => number,
  shift: number,
  emptyShift: number,
  columns: number | undefined,
): unknown {
  if (!isCsvError(error)) return error;
  const lines = physicalLine(error.lines) + shift;
  const first = after.lines + (error.empty_lines + emptyShift - after.emptyLines) + 1;
  const message = error.message.replace(` at line ${error.lines}`, ` at line ${lines}`);
  return malformedRow({ code: error.code, message, lines, record: error.record }, file, first, columns);
}

// Where the header row puts the column `only` names; undefined (every cell kept) without one.
function columnOf(header: ReadonlyArray<string>, only: string | undefined): number | undefined {
  const at = only === undefined ? -1 : header.indexOf(only);
  return at === -1 ? undefined : at;
}

// The cell of `column` in a plain row, as the only item of an array, when the row has `expected`
// cells; undefined when it has more or fewer (csv-parse then reads it).
function cellOf(line: string, column: number, expected: number): string[] | undefined {
  let cells = 1;
  let from = 0;
  let cell = "";
  for (let comma = line.indexOf(","); ; comma = line.indexOf(",", comma + 1)) {
    if (cells - 1 === column) cell = line.slice(from, comma === -1 ? line.length : comma);
    if (comma === -1) break;
    cells += 1;
    if (cells > expected) return undefined;
    from = comma + 1;
  }
  return cells === expected ? [cell] : undefined;
}

// The cells of a plain row, split from a copy of its line, not from the line itself. A line cut from a 64 KB
// chunk of the file is a view of that chunk, and so is every cell of 13 characters or more cut from it
// (V8 slices longer strings by reference): an event held back until the end of the pass (a duplicate,
// kept to compare its copies) would keep its whole chunk alive, and with 10 % duplicates the chunks of
// the whole file (issue 14: 287 MB against 227 MB at 1,000,000 events). Splitting the line with a comma
// appended makes V8 copy it once, as split flattens the joined text; the extra empty last cell is
// dropped. This costs no measurable CPU time, where copying the line first and splitting the copy cost
// about 4 % of a run.
function ownCells(line: string): string[] {
  const cells = `${line},`.split(",");
  cells.pop();
  return cells;
}

function emptyBatch(): CsvBatch {
  return { records: [], firstLines: [], lastLines: [] };
}

// The line break csv-parse would find first: the first "\r" or "\n" of the file, when no quote comes
// before it. Undefined (rows then go to csv-parse) for a quote first, or a "\r" alone.
function lineBreakOf(text: string): "\n" | "\r\n" | undefined {
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code === 34) return undefined;
    if (code === 10) return "\n";
    if (code === 13) return text.charCodeAt(at + 1) === 10 ? "\r\n" : undefined;
  }
  return undefined;
}

// The first bytes of a stream, at least 2 when it has them (to see a UTF-16 byte order mark).
async function firstBytes(chunks: AsyncIterator<Buffer | string>): Promise<Buffer> {
  let head = Buffer.alloc(0);
  while (head.length < 2) {
    const next = await chunks.next();
    if (next.done === true) break;
    head = Buffer.concat([head, typeof next.value === "string" ? Buffer.from(next.value) : next.value]);
  }
  return head;
}

async function* prepend<T>(
  first: ReadonlyArray<T>,
  rest: AsyncIterator<T> | AsyncIterable<T>,
): AsyncGenerator<T> {
  yield* first;
  const iterator = Symbol.asyncIterator in rest ? rest[Symbol.asyncIterator]() : rest;
  for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value;
}

// csv-parse's errors carry the parser's counts (lines, empty lines) and the row they stopped at.
type CsvRowError = CsvError & Info & { readonly record?: ReadonlyArray<string> };

function isCsvError(error: unknown): error is CsvRowError {
  return error instanceof CsvError;
}

export interface RowProblem {
  readonly code: string;
  readonly message: string;
  readonly lines: number;
  readonly record: ReadonlyArray<string> | undefined;
}

export function malformedRow(
  error: RowProblem,
  file: string,
  first: number,
  expected: number | undefined,
): UsageError {
  const where = first >= error.lines ? `line ${first}` : `lines ${first}–${error.lines}`;
  const details = { file, line: first, csv: error.code };
  const message = (() => {
    switch (error.code) {
      case "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH": {
        const cells = error.record?.length ?? 0;
        const columns = expected ?? 0;
        return `${file} ${where} has ${cells} cell${cells === 1 ? "" : "s"} but the header row has ${columns} columns; a cell was ${cells < columns ? "left out" : "added"} (a comma inside a value must be quoted: "1,5").`;
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
