import { closeSync, openSync, readSync } from "node:fs";
import { UsageLineError } from "./cliSupport.js";

/**
 * A comma before `}` or `]` outside strings: DuckDB's JSON reader accepts it, ratecard's refuses the
 * line ("line 2 is not valid JSON"). `[\s\S]` and not `.` after a backslash: JavaScript's `.` stops at
 * `\r` and U+2028, which a string may hold.
 */
const TRAILING_COMMA_OUTSIDE_STRINGS = /^(?:[^"]|"(?:[^"\\]|\\[\s\S])*")*,[ \t\r]*[}\]]/;
/**
 * The cheap first test, over a whole chunk; the exact ones only on the lines it finds. It finds every
 * line with a trailing comma, and every line where an event field is not text: such a field is the key
 * written as is, then a value that does not start with a quote (`"id":1`, `"type" : true`), or a key
 * spelled with an escape (`"\u0069d"`), so every line with `\u` is looked at too. It also finds lines
 * that are fine (a property named `type` with a number, an escaped character): JSON.parse then says so.
 */
const CANDIDATE = /,[ \t\r]*[}\]]|"(?:id|type|customer|timestamp)"[ \t\r]*:[ \t\r]*[^" \t\r]|\\u/g;
const EVENT_FIELDS = ["id", "type", "customer", "timestamp"] as const;
const NEWLINE = 0x0a;
const CHUNK_BYTES = 1 << 16;

/** How many lines have a problem, and the first of them. */
interface LinesFound {
  readonly count: number;
  readonly first: string | undefined;
}

/** The lines of an NDJSON file DuckDB reads and ratecard's own reader refuses. */
export interface RefusedLines {
  /** A comma before `}` or `]` outside strings. */
  readonly trailingCommas: LinesFound;
  /**
   * An id, type, customer or timestamp that is a number, true/false, an object or a list (DuckDB reads
   * the fields as text: `"id": 1` would be the id "1"), or, among the lines looked at, one that is not
   * valid JSON (NaN, Infinity), which ratecard's reader refuses whatever DuckDB makes of it.
   */
  readonly fieldsNotText: LinesFound;
}

/**
 * The lines of an NDJSON file ratecard's reader refuses where DuckDB's reads them (lines split at `\n`,
 * as ratecard's reader splits them). The file is read here, in JavaScript, 64 KB at a time, while
 * DuckDB's threads run the query: a chunk is searched as one Latin-1 string (a UTF-8 character's bytes
 * are all 0x80 or more, never a quote, backslash, comma or bracket, so the search reads them as it
 * would the text), about half the CPU of DuckDB reading the file again as lines (docs/scale.md). With
 * the fields checked here, the query reads them as text, which costs DuckDB a quarter less than JSON.
 */
export function refusedLines(file: string): RefusedLines {
  const trailing = tally();
  const fields = tally();
  // Complete lines only: the bytes after a chunk's last newline wait for the next chunk.
  const search = (bytes: Buffer) => {
    const text = bytes.toString("latin1");
    CANDIDATE.lastIndex = 0;
    for (let found = CANDIDATE.exec(text); found !== null; ) {
      const start = text.lastIndexOf("\n", found.index) + 1;
      const newline = text.indexOf("\n", found.index);
      const end = newline === -1 ? text.length : newline;
      // The line as quoted: without the "\r" of a CRLF line end.
      const line = () => bytes.toString("utf8", start, text[end - 1] === "\r" ? end - 1 : end);
      if (TRAILING_COMMA_OUTSIDE_STRINGS.test(text.slice(start, end))) trailing.add(line());
      else if (fieldNotText(line())) fields.add(line());
      // The next candidate after this line: each line is counted once.
      CANDIDATE.lastIndex = end;
      found = CANDIDATE.exec(text);
    }
  };
  const descriptor = openSync(file, "r");
  try {
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let kept = 0;
    for (;;) {
      // A line longer than the buffer: a larger one, so that the line is searched whole.
      if (kept === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
      const read = readSync(descriptor, buffer, kept, buffer.length - kept, null);
      const filled = kept + read;
      if (read === 0) {
        search(buffer.subarray(0, filled));
        return { trailingCommas: trailing.found(), fieldsNotText: fields.found() };
      }
      const lastNewline = buffer.lastIndexOf(NEWLINE, filled - 1);
      if (lastNewline === -1) {
        kept = filled;
        continue;
      }
      search(buffer.subarray(0, lastNewline));
      buffer.copy(buffer, 0, lastNewline + 1, filled);
      kept = filled - lastNewline - 1;
    }
  } finally {
    closeSync(descriptor);
  }
}

function tally() {
  let count = 0;
  let first: string | undefined;
  return {
    add: (line: string) => {
      count += 1;
      first ??= line;
    },
    found: (): LinesFound => ({ count, first }),
  };
}

// A line JSON.parse refuses, or an event whose id, type, customer or timestamp is there, not null (the
// query refuses a missing or null field itself) and not text. A line that is no object is DuckDB's to
// refuse, as before.
function fieldNotText(line: string): boolean {
  let event: unknown;
  try {
    event = JSON.parse(line);
  } catch {
    return true;
  }
  if (typeof event !== "object" || event === null || Array.isArray(event)) return false;
  const fields = event as Record<string, unknown>;
  return EVENT_FIELDS.some((name) => {
    const value = fields[name];
    return value !== undefined && value !== null && typeof value !== "string";
  });
}

/**
 * The refusal of an NDJSON file with a line DuckDB would read and the in-memory reader refuses,
 * quoting the first such line (DuckDB gives no line numbers); undefined for a file without one.
 */
export function refusedLinesError(file: string): UsageLineError | undefined {
  const { trailingCommas, fieldsNotText } = refusedLines(file);
  const quoted = (found: LinesFound) => JSON.stringify(found.first?.slice(0, 200) ?? "");
  const what = "fix them, or rate the file with --engine memory, which names each line";
  if (trailingCommas.count > 0)
    return new UsageLineError(
      `${file}: ${trailingCommas.count} line(s) are not valid JSON (a comma before } or ], which DuckDB's reader accepts and ratecard's refuses), such as ${quoted(trailingCommas)}; ${what}`,
    );
  if (fieldsNotText.count > 0)
    return new UsageLineError(
      `${file}: ${fieldsNotText.count} line(s) are events ratecard's reader refuses (an id, type, customer or timestamp that is not text, or a line that is not valid JSON), such as ${quoted(fieldsNotText)}; ${what}`,
    );
  return undefined;
}
