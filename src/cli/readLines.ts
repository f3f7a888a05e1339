import { createReadStream } from "node:fs";

/**
 * Text to read as a stream: the name messages give it (a file name, or stdin) and a function that opens
 * it afresh (a file can be read twice; standard input once).
 */
export interface TextInput {
  readonly name: string;
  readonly open: () => NodeJS.ReadableStream;
}

/** A file as a TextInput, read in 64 KB chunks. */
export function fileInput(file: string): TextInput {
  return { name: file, open: () => createReadStream(file, { highWaterMark: 1 << 16 }) };
}

const BYTE_ORDER_MARK = "\uFEFF";

/** The whole of a stream as UTF-8 text. */
export async function readText(stream: NodeJS.ReadableStream): Promise<string> {
  stream.setEncoding("utf8");
  let text = "";
  for await (const chunk of stream) text += chunk as string;
  return text;
}

/** Drops a leading UTF-8 byte order mark, which Windows editors write and JSON.parse refuses. */
export function withoutByteOrderMark(text: string): string {
  return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}

/** Runs before a pass over a file and after it (to refuse a file that changed meanwhile). */
export type PassGuard = () => Promise<void>;

/**
 * The text of an input in pieces that end at a line break (1 MB chunks for a file, each cut after its
 * last "\n" and the rest carried into the next), so a reader splits whole lines without a generator
 * turn per line: the lines of the pieces, in order, are the input's physical lines. The last piece may
 * not end with a line break (a file without a final newline); a leading byte order mark is dropped.
 * `guard` runs before the first chunk and after the last, not per piece.
 */
export async function* readLineChunks(input: TextInput, guard: PassGuard): AsyncGenerator<string> {
  await guard();
  let rest = "";
  let first = true;
  const stream = input.open();
  stream.setEncoding("utf8");
  for await (const chunk of stream) {
    let text = rest === "" ? (chunk as string) : rest + (chunk as string);
    if (first) {
      text = withoutByteOrderMark(text);
      first = false;
    }
    const end = text.lastIndexOf("\n") + 1;
    rest = end === text.length ? "" : text.slice(end);
    if (end > 0) yield end === text.length ? text : text.slice(0, end);
  }
  await guard();
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
