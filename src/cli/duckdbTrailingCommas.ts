import { closeSync, openSync, readSync } from "node:fs";
import { UsageLineError } from "./cliSupport.js";

/**
 * A comma before `}` or `]` outside strings: DuckDB's JSON reader accepts it, ratecard's refuses the
 * line ("line 2 is not valid JSON"). `[\s\S]` and not `.` after a backslash: JavaScript's `.` stops at
 * `\r` and U+2028, which a string may hold.
 */
const TRAILING_COMMA_OUTSIDE_STRINGS = /^(?:[^"]|"(?:[^"\\]|\\[\s\S])*")*,[ \t\r]*[}\]]/;
// The cheap first test, over a whole chunk; the exact one above only on the lines it finds.
const MAYBE_TRAILING_COMMA = /,[ \t\r]*[}\]]/g;
const NEWLINE = 0x0a;
const CHUNK_BYTES = 1 << 16;

/** How many lines of a file have a trailing comma outside strings, and the first of them. */
export interface TrailingCommaLines {
  readonly count: number;
  readonly first: string | undefined;
}

/**
 * The lines of an NDJSON file with a trailing comma outside strings (lines split at `\n`, as ratecard's
 * reader splits them). The file is read here, in JavaScript, 64 KB at a time, rather than by a second
 * DuckDB query: a chunk is searched as one Latin-1 string (a UTF-8 character's bytes are all 0x80 or
 * more, never a quote, backslash, comma or bracket, so the search reads them as it would the text),
 * which costs about half the CPU of DuckDB reading the file again as lines, and runs on Node's thread
 * while DuckDB's threads run the query (docs/scale.md).
 */
export function trailingCommaLines(file: string): TrailingCommaLines {
  let count = 0;
  let first: string | undefined;
  // Complete lines only: the bytes after a chunk's last newline wait for the next chunk.
  const search = (bytes: Buffer) => {
    const text = bytes.toString("latin1");
    MAYBE_TRAILING_COMMA.lastIndex = 0;
    for (let found = MAYBE_TRAILING_COMMA.exec(text); found !== null; ) {
      const start = text.lastIndexOf("\n", found.index) + 1;
      const newline = text.indexOf("\n", found.index);
      const end = newline === -1 ? text.length : newline;
      if (TRAILING_COMMA_OUTSIDE_STRINGS.test(text.slice(start, end))) {
        count += 1;
        first ??= bytes.toString("utf8", start, end);
      }
      // The next candidate after this line: each line is counted once.
      MAYBE_TRAILING_COMMA.lastIndex = end;
      found = MAYBE_TRAILING_COMMA.exec(text);
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
        return { count, first };
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

/**
 * The refusal of an NDJSON file with a trailing comma in a line, which DuckDB would read and the
 * in-memory reader refuses as invalid JSON, quoting the first such line (DuckDB gives no line numbers);
 * undefined for a file without one. NaN and Infinity, which DuckDB also reads, are not looked for.
 */
export function trailingCommaRefusal(file: string): UsageLineError | undefined {
  const { count, first } = trailingCommaLines(file);
  if (count === 0) return undefined;
  return new UsageLineError(
    `${file}: ${count} line(s) are not valid JSON (a comma before } or ], which DuckDB's reader accepts and ratecard's refuses), such as ${JSON.stringify(first?.slice(0, 200) ?? "")}; fix them, or rate the file with --engine memory, which names each line`,
  );
}
