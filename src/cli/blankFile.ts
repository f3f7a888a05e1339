import { closeSync, openSync, readSync } from "node:fs";

/** The bytes of a CSV file that hold no row: line breaks (ratecard's CSV reader skips blank lines). */
export const CSV_BLANK_BYTES: ReadonlySet<number> = new Set([0x0a, 0x0d]);

/** The bytes JSON reads as white space (RFC 8259): space, tab, line feed, carriage return. */
export const JSON_BLANK_BYTES: ReadonlySet<number> = new Set([0x20, 0x09, 0x0a, 0x0d]);

const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf];

/**
 * Whether `bytes`, the start of a file (`atStart`) or a later part of it, hold only `blank` bytes, after a
 * UTF-8 byte order mark at the start of the file: a CSV file of blank lines is no rows to ratecard's
 * reader, as an empty file is; a `.json` file of white space is no JSON.
 * @example isBlankBytes(Buffer.from("\uFEFF\r\n\n"), CSV_BLANK_BYTES, true) // true: a mark and two blank lines
 * @example isBlankBytes(Buffer.from("id\n"), CSV_BLANK_BYTES, true) // false: a header row
 */
export function isBlankBytes(bytes: Uint8Array, blank: ReadonlySet<number>, atStart: boolean): boolean {
  const from = atStart && BYTE_ORDER_MARK.every((byte, index) => bytes[index] === byte) ? 3 : 0;
  for (let index = from; index < bytes.length; index += 1)
    if (!blank.has(bytes[index] as number)) return false;
  return true;
}

/**
 * Whether a file holds only `blank` bytes (after a UTF-8 byte order mark), read a chunk at a time up to
 * its first other byte, so a usage file of any size is decided by its first chunk. False for a file that
 * cannot be read (the reader then says why).
 */
export function isBlankFile(file: string, blank: ReadonlySet<number>): boolean {
  let descriptor: number;
  try {
    descriptor = openSync(file, "r");
  } catch {
    return false;
  }
  try {
    const chunk = Buffer.alloc(64 * 1024);
    for (let position = 0; ; ) {
      const read = readSync(descriptor, chunk, 0, chunk.length, position);
      if (read === 0) return true;
      if (!isBlankBytes(chunk.subarray(0, read), blank, position === 0)) return false;
      position += read;
    }
  } catch {
    return false;
  } finally {
    closeSync(descriptor);
  }
}
