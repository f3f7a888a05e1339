import { closeSync, openSync, readSync } from "node:fs";

const CHUNK_BYTES = 1 << 16;

/**
 * What searches a chunk: given the bytes not yet searched (the rest carried from the chunk before, then
 * the new chunk) and whether the file ends there, it returns where its own unsearched rest starts (a
 * record the chunk's end cut, carried over to the next call), or undefined when the search is over.
 */
export type ChunkSearch = (bytes: Buffer, atEnd: boolean) => number | undefined;

/**
 * Reads `file` 64 KB at a time, synchronously (DuckDB's threads run the query meanwhile), and hands each
 * chunk to `search`. A record longer than the buffer doubles it, so that every record is searched whole;
 * the last call has `atEnd` true.
 */
export function searchFileInChunks(file: string, search: ChunkSearch): void {
  const descriptor = openSync(file, "r");
  try {
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let kept = 0;
    for (;;) {
      if (kept === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
      const read = readSync(descriptor, buffer, kept, buffer.length - kept, null);
      const filled = kept + read;
      const atEnd = read === 0;
      const searched = search(buffer.subarray(0, filled), atEnd);
      if (searched === undefined || atEnd) return;
      buffer.copy(buffer, 0, searched, filled);
      kept = filled - searched;
    }
  } finally {
    closeSync(descriptor);
  }
}
