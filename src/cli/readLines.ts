import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { notUtf8, utf8Check } from "./utf8Check.js";

/**
 * Text to read as a stream: the name messages give it (a file name, or stdin) and a function that opens
 * it afresh (a file can be read twice; standard input once).
 */
export interface TextInput {
  readonly name: string;
  readonly open: () => AsyncIterable<Buffer | string>;
  /** A regular file only: opens it again to find the line of an error (a pipe cannot be read twice). */
  readonly again?: () => AsyncIterable<Buffer | string>;
}

const CHUNK_BYTES = 1 << 16;

/**
 * A regular file as a TextInput, read in 64 KB chunks with synchronous reads: the CLI has nothing else
 * to do while it waits, and an asynchronous read costs a trip to Node's thread pool and back per chunk,
 * during which the process idles (a tenth of a streamed invoice's wall time, issue 14). After each chunk
 * the event loop still gets its turn (setImmediate): V8 runs part of its garbage collection in tasks
 * between turns, and a pass that never gave one peaked at 209–213 MB at 10,000,000 events, not 193.
 */
export function fileInput(file: string): TextInput {
  return { name: file, open: () => fileChunks(file), again: () => fileChunks(file) };
}

/** A named pipe (FIFO) as a TextInput: read as a stream, so a writer that pauses never blocks Node. */
export function pipeInput(file: string): TextInput {
  return { name: file, open: () => createReadStream(file, { highWaterMark: CHUNK_BYTES }) };
}

async function* fileChunks(file: string): AsyncGenerator<Buffer> {
  const descriptor = openSync(file, "r");
  try {
    for (;;) {
      // A buffer per chunk: the reader may keep a chunk (the first bytes of a CSV file) past the next.
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      const bytes = readSync(descriptor, buffer, 0, CHUNK_BYTES, null);
      if (bytes === 0) return;
      yield bytes === CHUNK_BYTES ? buffer : buffer.subarray(0, bytes);
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    closeSync(descriptor);
  }
}

const BYTE_ORDER_MARK = "\uFEFF";

/**
 * The whole of a stream as UTF-8 text.
 * @throws UsageError `unreadable_usage` for bytes that are not UTF-8, naming `name` (and the line, when
 * `again` reads the input again)
 */
export async function readText(
  stream: AsyncIterable<Buffer | string>,
  name: string,
  again?: () => AsyncIterable<Buffer | string>,
): Promise<string> {
  let text = "";
  for await (const chunk of decoded(stream, name, again, false)) text += chunk;
  return text;
}

/** Drops a leading UTF-8 byte order mark, which Windows editors write and JSON.parse refuses. */
export function withoutByteOrderMark(text: string): string {
  return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}

/** Runs before a pass over a file and after it (to refuse a file that changed meanwhile). */
export type PassGuard = () => Promise<void>;

/**
 * The text of an input in pieces that end at a line break (64 KB chunks for a file, each cut after its
 * last "\n" and the rest carried into the next), so a reader splits whole lines without a generator
 * turn per line: the lines of the pieces, in order, are the input's physical lines. The last piece may
 * not end with a line break (a file without a final newline); a leading byte order mark is dropped.
 * `guard` runs before the first chunk and after the last, not per piece.
 */
export async function* readLineChunks(input: TextInput, guard: PassGuard): AsyncGenerator<string> {
  await guard();
  yield* lineChunks(decoded(input.open(), input.name, input.again), guard);
}

/**
 * Chunks of UTF-8 as text (a character cut between two chunks whole in the second), without a leading
 * byte order mark (kept with `dropMark` false).
 * @throws UsageError `unreadable_usage` at the first chunk with bytes that are not UTF-8, naming `name`
 * and, when `again` reads the input again, the line
 */
export async function* decoded(
  chunks: AsyncIterable<Buffer | string>,
  name: string,
  again?: () => AsyncIterable<Buffer | string>,
  dropMark = true,
): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  const check = utf8Check();
  let first = dropMark;
  for await (const chunk of chunks) {
    if (typeof chunk !== "string" && !check.chunk(chunk)) throw await notUtf8(name, again);
    let text = typeof chunk === "string" ? chunk : decoder.write(chunk);
    if (first && text !== "") {
      text = withoutByteOrderMark(text);
      first = false;
    }
    if (text !== "") yield text;
  }
  if (!check.end()) throw await notUtf8(name, again);
  const end = decoder.end();
  if (end !== "") yield end;
}

/**
 * Text in pieces that end after a "\n" (the last piece may not); `atEnd` runs when the text has ended,
 * before that last piece.
 */
export async function* lineChunks(
  texts: AsyncIterable<string>,
  atEnd: () => Promise<void> = async () => {},
): AsyncGenerator<string> {
  let rest = "";
  for await (const chunk of texts) {
    const text = rest === "" ? chunk : rest + chunk;
    const end = text.lastIndexOf("\n") + 1;
    rest = end === text.length ? "" : text.slice(end);
    if (end > 0) yield end === text.length ? text : text.slice(0, end);
  }
  await atEnd();
  if (rest !== "") yield rest;
}

/**
 * Calls `visit` with each line of `text` (a piece of {@link readLineChunks}) and its offsets: a line
 * runs from `start` to `end`, without its "\n" or a "\r" before it ("\r\n" is one line break).
 * Blank lines are visited too, so the n-th line visited is the n-th physical line.
 */
export function eachLine(text: string, visit: (start: number, end: number) => void): void {
  let start = 0;
  while (start < text.length) {
    let next = text.indexOf("\n", start);
    if (next === -1) next = text.length;
    visit(start, next > start && text.charCodeAt(next - 1) === 13 ? next - 1 : next);
    start = next + 1;
  }
}
