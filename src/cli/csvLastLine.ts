import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { csvEndsWithoutLineBreak } from "./messages.js";
import type { TextInput } from "./readLines.js";
import { reportWarning } from "./stderr.js";

// The end of a file read to decide: enough to find the line break before its last line in any usage file
// of more than one line (a row is rarely longer), without reading the file.
const TAIL_BYTES = 64 * 1024;

/**
 * Whether the bytes of a CSV file, `tail` being its last bytes (all of them when `whole`), end inside a
 * row after the header: the last byte is not a line break, and a line break comes before it. A CSV file
 * cut off while being copied ends so, and its last value is then cut short ("eu,25" of "eu,25.325"),
 * which no reader can tell from a whole value. RFC 4180 lets a file leave out its last line break, but
 * the writers of usage files (DuckDB's COPY, Python's csv, pandas, Excel) end every row with one. A file
 * of its header alone, or of nothing, is not looked at: it bills nothing.
 * @example endsInsideARow(Buffer.from("id,type\ne1,x"), true) // true
 * @example endsInsideARow(Buffer.from("id,type\ne1,x\n"), true) // false
 */
export function endsInsideARow(tail: Uint8Array, whole: boolean): boolean {
  const last = tail[tail.length - 1];
  if (last === undefined || last === 0x0a || last === 0x0d) return false;
  if (!whole) return true;
  return tail.includes(0x0a) || tail.includes(0x0d);
}

// A file named twice in one run (an engine that falls back to another, a second pass for a refusal's
// line) is warned about once.
const warned = new Set<string>();

function warnOnce(file: string): void {
  if (warned.has(file)) return;
  warned.add(file);
  reportWarning(csvEndsWithoutLineBreak(file));
}

/**
 * Warns on stderr when a regular CSV file ends inside a row ({@link endsInsideARow}), once per file. Its
 * rows are rated as they are: the warning asks the specialist to compare the file with its source.
 */
export function warnWhenCsvFileEndsInsideARow(file: string): void {
  let descriptor: number;
  try {
    descriptor = openSync(file, "r");
  } catch {
    return; // the reader says why the file cannot be read
  }
  try {
    const size = fstatSync(descriptor).size;
    const length = Math.min(size, TAIL_BYTES);
    const tail = Buffer.alloc(length);
    readSync(descriptor, tail, 0, length, size - length);
    if (endsInsideARow(tail, size <= TAIL_BYTES)) warnOnce(file);
  } finally {
    closeSync(descriptor);
  }
}

/**
 * A pipe or standard input, whose end is known only once read: its chunks passed on as they come, and
 * the warning of {@link warnWhenCsvFileEndsInsideARow} given after the last one.
 */
export function watchedForItsEnd(input: TextInput): TextInput {
  return {
    ...input,
    open: () => endWatched(input.open(), input.name),
  };
}

async function* endWatched(chunks: AsyncIterable<Buffer | string>, name: string) {
  let last: Uint8Array | undefined;
  // Whether a chunk before the last one held a line break: then the last one's bytes are not the whole.
  let breakBefore = false;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    if (bytes.length > 0) {
      breakBefore ||= last !== undefined && (last.includes(0x0a) || last.includes(0x0d));
      last = bytes;
    }
    yield chunk;
  }
  if (last !== undefined && endsInsideARow(last, !breakBefore)) warnOnce(name);
}
