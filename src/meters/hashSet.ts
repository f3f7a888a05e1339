// The bitmaps of every empty set and of every set asked few times: never written.
const NONE = Int32Array.of(0);
const EVERY = Int32Array.of(1);
const FEW = 256;

/**
 * A set of 32-bit hashes with a bitmap in front of it: a hash whose bit is clear is answered from
 * the bitmap (a few kilobytes, in the processor's cache) without touching the set. Deduplication asks
 * it once per event whether the event's id hash repeats, and almost every answer is no: a `Set` of
 * numbers answered it at 30 ns an event (half the hashes are past a small integer and are boxed to
 * be looked up); the bitmap at about 2 (issue 14, docs/scale-measurements.md).
 */
export class HashSet implements Iterable<number> {
  private readonly bits: Int32Array;
  private readonly mask: number;

  /**
   * @param lookups about how many times `has` will be asked: for a few hundred, the set answers
   * without a bitmap (making one made finding the repeats among four events four times slower,
   * bench/dedupSmall.mjs).
   */
  constructor(
    private readonly hashes: ReadonlySet<number>,
    lookups: number,
  ) {
    // One shared word: always clear for no hashes (every answer no), always set for a set asked a few
    // times (every question goes to the set).
    if (hashes.size === 0 || lookups <= FEW) {
      this.mask = 0;
      this.bits = hashes.size === 0 ? NONE : EVERY;
      return;
    }
    // 64 bits a hash, so about one absent hash in 64 reaches the set; at least 1,024 bits and at
    // most 2^23 (1 MB, from 131,072 hashes on: beyond it the set answers more often).
    let size = 1 << 10;
    while (size < hashes.size * 64 && size < 1 << 23) size *= 2;
    this.mask = size - 1;
    this.bits = new Int32Array(size >>> 5);
    for (const hash of hashes) {
      const bit = hash & this.mask;
      this.bits[bit >>> 5]! |= 1 << (bit & 31);
    }
  }

  get size(): number {
    return this.hashes.size;
  }

  has(hash: number): boolean {
    const bit = hash & this.mask;
    return (this.bits[bit >>> 5]! & (1 << (bit & 31))) !== 0 && this.hashes.has(hash);
  }

  [Symbol.iterator](): Iterator<number> {
    return this.hashes.values();
  }
}
