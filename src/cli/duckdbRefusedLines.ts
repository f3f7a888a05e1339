import type { UsageTimestamps } from "../index.js";
import { NOT_JSON, plainEvent, whyRefused } from "./plainEvent.js";
import { memoryReaderRefusal } from "./refusalInFileOrder.js";
import { searchFileInChunks } from "./searchFileInChunks.js";
import { trailingCommaAt } from "./trailingComma.js";

/** A run of plain lines from where it is set (sticky); the first line after the run is looked at. */
const plainLines = (timestamps: UsageTimestamps) =>
  new RegExp(`(?:[ \\t\\r]*${plainEvent("[ \\t\\r]*", timestamps)}[ \\t\\r]*\\n)*`, "y");
const NEWLINE = 0x0a;

/** How many lines have a problem, the first of them, and what is wrong with it. */
interface LinesFound {
  readonly count: number;
  readonly first: string | undefined;
  readonly reason: string | undefined;
}

/** The lines of an NDJSON file DuckDB reads and ratecard's own reader refuses. */
export interface RefusedLines {
  /** A comma before `}` or `]` outside strings. */
  readonly trailingCommas: LinesFound;
  /**
   * Events ratecard's reader refuses whatever DuckDB makes of them: an id, type, customer or timestamp
   * that is a number, true/false, an object or a list (DuckDB reads the fields as text: `"id": 1` would
   * be the id "1"); a line that is not valid JSON (NaN, Infinity, which DuckDB reads as invalid values);
   * `"properties": null` (no properties to DuckDB); a field ratecard does not know (ignored by DuckDB); a
   * property number too large for a double (`1e400`, an invalid value to DuckDB).
   */
  readonly refusedEvents: LinesFound;
}

/**
 * The lines of an NDJSON file ratecard's reader refuses where DuckDB's reads them (lines split at `\n`,
 * as ratecard's reader splits them). The file is read here, in JavaScript, 64 KB at a time, while
 * DuckDB's threads run the query: a chunk is searched as one Latin-1 string (a UTF-8 character's bytes
 * are all 0x80 or more, never a quote, backslash, comma, bracket or control character, so the search
 * reads them as it would the text) for runs of plain lines, and only the lines between runs are read
 * with JSON.parse (docs/scale-measurements.md). With the fields checked here, the query reads them as
 * text, which costs DuckDB a quarter less than JSON.
 */
export function refusedLines(file: string, timestamps: UsageTimestamps = "text"): RefusedLines {
  const plain = plainLines(timestamps);
  const trailing = tally();
  const refused = tally();
  // Complete lines only, each with its newline: the bytes after a chunk's last newline wait for the next chunk.
  const search = (bytes: Buffer) => {
    const text = bytes.toString("latin1");
    for (let at = 0; at < text.length; ) {
      const start = endOfPlainLines(plain, text, at);
      if (start >= text.length) return;
      const newline = text.indexOf("\n", start);
      const end = newline === -1 ? text.length : newline;
      // The line as quoted: without the "\r" of a CRLF line end.
      const line = bytes.toString("utf8", start, text[end - 1] === "\r" ? end - 1 : end);
      const reason = whyRefused(line, timestamps);
      // JSON.parse first: only a line it refuses can have a trailing comma outside strings.
      if (reason === NOT_JSON && trailingCommaAt(line) !== undefined) trailing.add(line, reason);
      else if (reason !== undefined) refused.add(line, reason);
      at = end + 1;
    }
  };
  searchFileInChunks(file, (bytes, atEnd) => {
    if (atEnd) {
      search(bytes);
      return undefined;
    }
    const lastNewline = bytes.lastIndexOf(NEWLINE);
    if (lastNewline === -1) return 0;
    search(bytes.subarray(0, lastNewline + 1));
    return lastNewline + 1;
  });
  return { trailingCommas: trailing.found(), refusedEvents: refused.found() };
}

// Where the run of plain lines from `at` ends. A line so long that the regular expression runs out of
// stack is looked at with JSON.parse instead: slower, never wrong.
function endOfPlainLines(plain: RegExp, text: string, at: number): number {
  plain.lastIndex = at;
  try {
    plain.exec(text);
    return plain.lastIndex;
  } catch {
    return at;
  }
}

function tally() {
  let count = 0;
  let first: string | undefined;
  let reason: string | undefined;
  return {
    add: (line: string, why: string) => {
      count += 1;
      first ??= line;
      reason ??= why;
    },
    found: (): LinesFound => ({ count, first, reason }),
  };
}

/**
 * The refusal of an NDJSON file with a line DuckDB would read and the in-memory reader refuses: once
 * the search has found one, the file is read with the in-memory reader, whose error names the first
 * refused line, in file order (`usage.ndjson line 2: has Lago's event fields, not ratecard's …`), the
 * bytes `--engine memory` prints; undefined for a file without one (DuckDB's reading then stands).
 */
export async function refusedLinesError(
  file: string,
  timestamps: UsageTimestamps = "text",
): Promise<unknown> {
  const { trailingCommas, refusedEvents } = refusedLines(file, timestamps);
  if (trailingCommas.count === 0 && refusedEvents.count === 0) return undefined;
  return memoryReaderRefusal(file, "ndjson", timestamps);
}
