import { isUtf8 } from "node:buffer";
import { UsageError } from "../index.js";
import { usageNotUtf8 } from "./messages.js";

/**
 * Whether a byte stream is UTF-8, chunk by chunk: Node's decoders replace a byte that is no UTF-8
 * character with U+FFFD and go on, so a file saved as Latin-1 or Windows-1252 would bill an id or a
 * filter value nobody sent (`caf\uFFFD` for `café`) where DuckDB refuses the file. `isUtf8` checks a
 * 64 KB chunk in a few microseconds (2–10 ms over 150 MB, against 33 ms for the decoding itself); a
 * character cut at a chunk's end is carried into the next chunk.
 */
export interface Utf8Check {
  /** False from the first chunk that holds a byte sequence no UTF-8 character has. */
  readonly chunk: (bytes: Uint8Array) => boolean;
  /** False when the stream ended inside a character. */
  readonly end: () => boolean;
}

/** A fresh {@link Utf8Check} for one stream. */
export function utf8Check(): Utf8Check {
  let carried: Uint8Array | undefined;
  return {
    chunk(bytes) {
      if (carried === undefined && isUtf8(bytes)) return true;
      const all = carried === undefined ? bytes : Buffer.concat([carried, bytes]);
      const whole = completeLength(all);
      carried = whole === all.length ? undefined : Uint8Array.prototype.slice.call(all, whole);
      return isUtf8(all.subarray(0, whole));
    },
    end: () => carried === undefined,
  };
}

/** The error for a stream that is not UTF-8: its line when the input can be read again to find it. */
export async function notUtf8(
  name: string,
  again: (() => AsyncIterable<Buffer | string>) | undefined,
): Promise<UsageError> {
  const line = again === undefined ? undefined : await lineNotUtf8(again());
  return UsageError.from(usageNotUtf8(line === undefined ? name : `${name} line ${line}`), name);
}

// The bytes without a multi-byte character cut short at their end (its first 1–3 bytes).
function completeLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back] ?? 0;
    if (byte < 0x80) return bytes.length;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return length > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}

/**
 * The first physical line (from 1) of `bytes` that is not UTF-8, or undefined when they all are: lines
 * split on the "\n" byte, which no UTF-8 character holds, so each line is checked whole.
 */
export function firstLineNotUtf8(bytes: Uint8Array): number | undefined {
  if (isUtf8(bytes)) return undefined;
  let line = 1;
  let start = 0;
  for (let next = bytes.indexOf(10, start); next !== -1; next = bytes.indexOf(10, start)) {
    if (!isUtf8(bytes.subarray(start, next))) return line;
    line += 1;
    start = next + 1;
  }
  return line;
}

// The first physical line (from 1) that is not UTF-8: lines split on the "\n" byte, which no UTF-8
// character holds, so a line is checked whole. Read only after a check failed.
async function lineNotUtf8(chunks: AsyncIterable<Buffer | string>): Promise<number | undefined> {
  let line = 1;
  let rest: Uint8Array = new Uint8Array(0);
  for await (const chunk of chunks) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    const all = rest.length === 0 ? bytes : Buffer.concat([rest, bytes]);
    let start = 0;
    for (let next = all.indexOf(10, start); next !== -1; next = all.indexOf(10, start)) {
      if (!isUtf8(all.subarray(start, next))) return line;
      line += 1;
      start = next + 1;
    }
    rest = all.subarray(start);
  }
  return rest.length > 0 && !isUtf8(rest) ? line : undefined;
}
