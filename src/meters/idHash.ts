/**
 * A 53-bit hash of a text (cyrb53, public domain): fast, well spread, and an exact integer in a
 * float64, so millions of them fit a Float64Array. Used only to find ids that *may* repeat; ids with
 * equal hashes are then compared in full, so a collision costs memory, never a wrong result.
 */
export function idHash(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A growable list of hashes in Float64Array chunks (8 bytes per event, no per-entry objects). */
export class HashList {
  private readonly chunks: Float64Array[] = [];
  private current = new Float64Array(1 << 16);
  private used = 0;

  push(hash: number): void {
    if (this.used === this.current.length) {
      this.chunks.push(this.current);
      this.current = new Float64Array(Math.min(this.current.length * 2, 1 << 22));
      this.used = 0;
    }
    this.current[this.used] = hash;
    this.used += 1;
  }

  /** The hashes that occur more than once. */
  repeated(): Set<number> {
    const total = this.chunks.reduce((n, chunk) => n + chunk.length, 0) + this.used;
    const all = new Float64Array(total);
    let offset = 0;
    for (const chunk of this.chunks) {
      all.set(chunk, offset);
      offset += chunk.length;
    }
    all.set(this.current.subarray(0, this.used), offset);
    this.chunks.length = 0;
    all.sort();
    const repeated = new Set<number>();
    for (let i = 1; i < all.length; i += 1) if (all[i] === all[i - 1]) repeated.add(all[i]!);
    return repeated;
  }
}
