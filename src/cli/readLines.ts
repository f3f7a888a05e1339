import { createReadStream } from "node:fs";

/**
 * Text to read as a stream: the name messages give it (a file name, or stdin) and a function that opens
 * it afresh (a file can be read twice; standard input once).
 */
export interface TextInput {
  readonly name: string;
  readonly open: () => NodeJS.ReadableStream;
}

/** A file as a TextInput, read in 1 MB chunks. */
export function fileInput(file: string): TextInput {
  return { name: file, open: () => createReadStream(file, { highWaterMark: 1 << 20 }) };
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
 * The lines of a text input, read in chunks (1 MB for a file) and split by hand (faster than readline on large
 * files). A "\r\n" ending counts as one line break; a leading byte order mark is dropped. Blank lines
 * are yielded too (the caller skips them), so the n-th line yielded is the file's physical line n.
 * `guard` runs before the first chunk and after the last, not per line.
 */
export async function* readLines(input: TextInput, guard: PassGuard): AsyncGenerator<string> {
  await guard();
  let rest = "";
  let first = true;
  const stream = input.open();
  stream.setEncoding("utf8");
  for await (const chunk of stream) {
    let text = rest + (chunk as string);
    if (first) {
      text = withoutByteOrderMark(text);
      first = false;
    }
    let start = 0;
    let end = text.indexOf("\n", start);
    while (end !== -1) {
      yield text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
      start = end + 1;
      end = text.indexOf("\n", start);
    }
    rest = text.slice(start);
  }
  await guard();
  if (rest !== "") yield rest.endsWith("\r") ? rest.slice(0, -1) : rest;
}
