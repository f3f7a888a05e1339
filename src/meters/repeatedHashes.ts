import { HashSet } from "./hashSet.js";
import { repeatedInSortedChunks } from "./repeatedInSortedChunks.js";

/** Lists of hashes are kept in chunks of 2^20 (4 MB), every one full but the last (HashList, idHash.ts). */
export const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;

/**
 * The hashes that occur more than once among `chunks`, found by sorting them all and scanning for
 * equal neighbours. The sort is a radix sort in three passes of 11, 11 and 10 bits (least significant
 * first), each a sequential read and a write spread over 2,048 places: about four times faster than
 * 1,024 buckets each sorted by comparison, and linear whatever the hashes (no input makes it slow).
 * The chunks are only read; the sort takes 8 bytes an event while it runs (its result and a scratch
 * copy). {@link repeatedHashesOverwriting} takes one chunk's worth, sorting the chunks themselves.
 */
export function repeatedHashes(chunks: ReadonlyArray<Uint32Array>): HashSet {
  const total = lengthOf(chunks);
  if (total <= SMALL) return new HashSet(repeatedInSet(chunks), total);
  const scratch: Uint32Array[] = [];
  for (let at = 0; at < total; at += CHUNK) scratch.push(new Uint32Array(Math.min(CHUNK, total - at)));
  return repeatedBySorting(chunks, total, scratch);
}

/**
 * {@link repeatedHashes} for hashes that are not needed afterwards: each chunk is sorted in place and
 * the sorted chunks merged (repeatedInSortedChunks.ts), so it adds one chunk's worth of memory (4 MB),
 * not 8 bytes an event. Until 7 December 2026 it wrote the sort's middle pass over the chunks and its
 * result into a new array, 4 bytes an event (40 MB at 10,000,000 events, where streaming a usage file
 * must stay below 200 MB). The chunks are left sorted.
 */
export function repeatedHashesOverwriting(chunks: ReadonlyArray<Uint32Array>): HashSet {
  const total = lengthOf(chunks);
  if (total <= SMALL) return new HashSet(repeatedInSet(chunks), total);
  return new HashSet(repeatedInSortedChunks(chunks), total);
}

function lengthOf(chunks: ReadonlyArray<Uint32Array>): number {
  let total = 0;
  for (const chunk of chunks) total += chunk.length;
  return total;
}

function repeatedBySorting(
  chunks: ReadonlyArray<Uint32Array>,
  total: number,
  scratch: ReadonlyArray<Uint32Array>,
): HashSet {
  const sorted = radixSorted(chunks, total, scratch);
  const repeated = new Set<number>();
  for (let k = 1; k < total; k += 1) if (sorted[k] === sorted[k - 1]) repeated.add(sorted[k]!);
  return new HashSet(repeated, total);
}

// Up to this many hashes, a set finds the repeats faster than sorting: a customer's four events spent
// 18 % of an invoice in the 1,024-bucket pass that came before the radix sort (issue 14), and a set of
// a few hundred numbers stays in the processor's cache. Measured: bench/dedupSmall.mjs
// (docs/scale-measurements.md).
export const SMALL = 256;

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

// The three digits of a hash, lowest first: bits 0–10, 11–21 and 22–31 (each an 11-bit value at most).
const DIGIT = 2048;
const LOW = 0;
const MIDDLE = 11;
const HIGH = 22;
const digit = (hash: number, shift: number) => (hash >>> shift) & (DIGIT - 1);

// The hashes of `chunks` in ascending order, in a new array: LSD radix sort (each pass is stable, so
// after sorting by the high digit, equal high digits keep the order of the lower two). `scratch` holds
// the middle pass: chunks of 2^20 but the last, `total` hashes in all.
function radixSorted(
  chunks: ReadonlyArray<Uint32Array>,
  total: number,
  scratch: ReadonlyArray<Uint32Array>,
): Uint32Array {
  // All three digits counted in one read, then turned into each pass's first place per digit value.
  const starts = [new Uint32Array(DIGIT), new Uint32Array(DIGIT), new Uint32Array(DIGIT)] as const;
  const [byLow, byMiddle, byHigh] = starts;
  for (const chunk of chunks)
    for (let i = 0; i < chunk.length; i += 1) {
      const hash = chunk[i]!;
      byLow[digit(hash, LOW)]! += 1;
      byMiddle[digit(hash, MIDDLE)]! += 1;
      byHigh[digit(hash, HIGH)]! += 1;
    }
  for (const start of starts) toStarts(start);
  // By the low digit into `sorted`, by the middle one into `scratch`, by the high one back into
  // `sorted`. The chunks are read in turn, each going on where the one before stopped.
  const sorted = new Uint32Array(total);
  for (const chunk of chunks) place(chunk, sorted, byLow, LOW);
  placeInChunks(sorted, scratch, byMiddle, MIDDLE);
  for (const chunk of scratch) place(chunk, sorted, byHigh, HIGH);
  return sorted;
}

// Counts per digit value → where each value's first hash goes (the counts before it).
function toStarts(counts: Uint32Array): void {
  let sum = 0;
  for (let value = 0; value < counts.length; value += 1) {
    const count = counts[value]!;
    counts[value] = sum;
    sum += count;
  }
}

// One stable pass: each hash of `from`, in order, to the next free place of its digit in `to`.
function place(from: Uint32Array, to: Uint32Array, next: Uint32Array, shift: number): void {
  for (let i = 0; i < from.length; i += 1) {
    const hash = from[i]!;
    const value = digit(hash, shift);
    to[next[value]!] = hash;
    next[value]! += 1;
  }
}

// The same into chunks of 2^20: place p is chunk p >>> 20, index p & (2^20 - 1).
function placeInChunks(
  from: Uint32Array,
  to: ReadonlyArray<Uint32Array>,
  next: Uint32Array,
  shift: number,
): void {
  for (let i = 0; i < from.length; i += 1) {
    const hash = from[i]!;
    const value = digit(hash, shift);
    const at = next[value]!;
    to[at >>> CHUNK_BITS]![at & (CHUNK - 1)] = hash;
    next[value] = at + 1;
  }
}
