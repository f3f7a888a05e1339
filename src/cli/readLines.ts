import { createReadStream } from "node:fs";

const BYTE_ORDER_MARK = "\uFEFF";

/** Drops a leading UTF-8 byte order mark, which Windows editors write and JSON.parse refuses. */
export function withoutByteOrderMark(text: string): string {
  return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}

/** Runs before a pass over a file and after it (to refuse a file that changed meanwhile). */
export type PassGuard = () => Promise<void>;

/**
 * The lines of a text file, read in 1 MB chunks and split by hand (faster than readline on large
 * files). A "\r\n" ending counts as one line break; a leading byte order mark is dropped. Blank lines
 * are yielded too (the caller skips them), so the n-th line yielded is the file's physical line n.
 * `guard` runs before the first chunk and after the last, not per line.
 */
export async function* readLines(file: string, guard: PassGuard): AsyncGenerator<string> {
  await guard();
  let rest = "";
  let first = true;
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })) {
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
