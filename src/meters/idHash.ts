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

/**
 * The hashes that occur more than once among `chunks`. A radix pass spreads them over 1,024 buckets by
 * their top bits, then each bucket — small enough for the processor's cache — is sorted and scanned
 * for equal neighbours: about three times faster than a hash table on millions of ids, and 4 bytes an
 * event (plus 4 more while the buckets are sorted).
 */
export function repeatedHashes(chunks: ReadonlyArray<Uint32Array>): Set<number> {
  let total = 0;
  for (const chunk of chunks) total += chunk.length;
  if (total <= SMALL) return repeatedInSet(chunks);
  const buckets = 1024;
  const bounds = new Uint32Array(buckets + 1);
  for (const chunk of chunks) for (let i = 0; i < chunk.length; i += 1) bounds[(chunk[i]! >>> 22) + 1]! += 1;
  for (let b = 0; b < buckets; b += 1) bounds[b + 1]! += bounds[b]!;
  const spread = new Uint32Array(total);
  const next = bounds.slice(0, buckets);
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i += 1) {
      const hash = chunk[i]!;
      const bucket = hash >>> 22;
      spread[next[bucket]!] = hash;
      next[bucket]! += 1;
    }
  }
  const repeated = new Set<number>();
  for (let b = 0; b < buckets; b += 1) {
    const bucket = spread.subarray(bounds[b]!, bounds[b + 1]!).sort();
    for (let k = 1; k < bucket.length; k += 1) if (bucket[k] === bucket[k - 1]) repeated.add(bucket[k]!);
  }
  return repeated;
}

// Up to this many hashes, a set finds the repeats faster than the buckets: a customer's four events
// spent 18 % of an invoice in the 1,024-bucket pass (issue 14), and a set of a few hundred numbers
// stays in the processor's cache. Measured: bench/dedupSmall.mjs (docs/scale.md).
const SMALL = 256;

function repeatedInSet(chunks: ReadonlyArray<Uint32Array>): Set<number> {
  const seen = new Set<number>();
  const repeated = new Set<number>();
  for (const chunk of chunks)
    for (let i = 0; i < chunk.length; i += 1) {
      const hash = chunk[i]!;
      if (seen.has(hash)) repeated.add(hash);
      else seen.add(hash);
    }
  return repeated;
}

const CHUNK = 1 << 20;

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

  get length(): number {
    return this.full.length * CHUNK + this.used;
  }
}
