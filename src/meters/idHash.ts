import type { HashSet } from "./hashSet.js";
import { CHUNK_BITS, repeatedHashesOverwriting } from "./repeatedHashes.js";

/**
 * A 32-bit hash of a text: FNV-1a over the UTF-16 code units with MurmurHash3's finaliser, so nearby
 * ids ("evt_1", "evt_2") spread over the whole range. Used only to find ids that *may* repeat; ids
 * whose hashes repeat are compared in full, so a collision costs a little memory, never a wrong result.
 */
export function idHash(text: string): number {
  let hash = 0x811c9dc5 ^ text.length;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

const CHUNK = 1 << CHUNK_BITS;

/** A list of 32-bit hashes in fixed 4 MB chunks: 4 bytes an event, never copied as it grows. */
export class HashList {
  private readonly full: Uint32Array[] = [];
  private current = new Uint32Array(CHUNK);
  private used = 0;

  push(hash: number): void {
    if (this.used === CHUNK) {
      this.full.push(this.current);
      this.current = new Uint32Array(CHUNK);
      this.used = 0;
    }
    this.current[this.used] = hash;
    this.used += 1;
  }

  /** The hashes pushed so far, as chunks (without copying). */
  chunks(): Uint32Array[] {
    return [...this.full, this.current.subarray(0, this.used)];
  }

  /**
   * The hashes pushed more than once, found by sorting the list's own chunks in place and merging them
   * (one chunk's 4 MB more, not 4 bytes an event): the list is empty afterwards.
   */
  repeated(): HashSet {
    const repeated = repeatedHashesOverwriting(this.chunks());
    this.full.length = 0;
    this.used = 0;
    return repeated;
  }

  get length(): number {
    return this.full.length * CHUNK + this.used;
  }
}
