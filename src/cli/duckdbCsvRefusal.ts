import { isRatecardError } from "../index.js";
import { csvRecordBatches } from "./csvRecords.js";
import { fileInput } from "./readLines.js";
import { searchFileInChunks } from "./searchFileInChunks.js";

/**
 * Why the in-memory engine refuses a CSV file's rows (a row with a cell too many, a quote never closed,
 * lines that end LF and CRLF both), for a file DuckDB could not read: its sentence names the line, where
 * DuckDB's says "Error when sniffing file" or "state machine reached an invalid state" of the same file.
 * The rows are read only once DuckDB has failed, so a file it reads costs nothing more. Undefined when
 * the in-memory reader reads every row (DuckDB's own sentence then stands).
 */
export async function csvRowsRefusal(file: string): Promise<unknown> {
  try {
    for await (const _batch of csvRecordBatches(fileInput(file).open(), file));
  } catch (error) {
    if (isRatecardError(error)) return error;
  }
  return undefined;
}

/**
 * Why the in-memory engine refuses a CSV file that DuckDB reads: a quote out of place. DuckDB's reader
 * trims the spaces around a quoted cell (`e1, "10"` and `"10" ` are 10) and keeps a quote inside an
 * unquoted cell as text (`10"`), where csv-parse refuses the row ("Invalid Opening Quote", "text follows
 * the closing quote"), so DuckDB billed a file the in-memory engine refuses (docs/sql-engines.md). The
 * file is searched for such a quote (quotes only, with the buffer's native indexOf: a file without one
 * costs a read) while DuckDB's threads run the query; only when one is found is the file read by the
 * in-memory reader, whose sentence names the line (or an earlier malformed row). Undefined otherwise.
 */
export async function csvQuoteRefusal(file: string): Promise<unknown> {
  return quoteOutOfPlace(file) ? await csvRowsRefusal(file) : undefined;
}

const QUOTE = 0x22;
// The bytes a quoted cell may start after, and end before: a comma, a line break (a file's start too).
const CELL_EDGES: ReadonlySet<number | undefined> = new Set([0x2c, 0x0a, 0x0d]);
const BYTE_ORDER_MARK = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Whether a CSV file holds a quote that neither opens a cell (after a comma or a line break) nor closes
 * one (before a comma, a line break or the file's end), nor is doubled inside a quoted cell.
 */
export function quoteOutOfPlace(file: string): boolean {
  let quoted = false;
  // The byte before the chunk: a line break at the file's start (after its byte order mark).
  let before = 0x0a;
  let first = true;
  let found = false;
  searchFileInChunks(file, (bytes, atEnd) => {
    // The chunk's first byte, after the file's byte order mark: what comes before it is `before`.
    const start = first && bytes.subarray(0, 3).equals(BYTE_ORDER_MARK) ? 3 : 0;
    let at = start;
    first = false;
    for (;;) {
      const quote = bytes.indexOf(QUOTE, at);
      if (quote === -1) {
        if (!quoted && bytes.length > at) before = bytes[bytes.length - 1] as number;
        return bytes.length;
      }
      if (!quoted) {
        if (!CELL_EDGES.has(quote === start ? before : bytes[quote - 1])) return stop();
        quoted = true;
        at = quote + 1;
        continue;
      }
      // What follows a quote inside a quoted cell decides it: the next chunk's first byte, when cut here.
      if (quote === bytes.length - 1 && !atEnd) return quote;
      const next = bytes[quote + 1];
      if (next === QUOTE) at = quote + 2;
      else if (next === undefined || CELL_EDGES.has(next)) {
        quoted = false;
        at = quote + 1;
      } else return stop();
    }
  });
  return found;

  function stop(): undefined {
    found = true;
    return undefined;
  }
}
