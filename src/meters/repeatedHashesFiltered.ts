import { HashSet } from "./hashSet.js";
import { repeatedHashes, SMALL } from "./repeatedHashes.js";

// Hashes are spread over 2,048 parts by their top 11 bits; each part (about 500 hashes at 1,000,000)
// is then searched with a bitmap small enough for the processor's first-level cache.
const PART_BITS = 11;
const PARTS = 1 << PART_BITS;
// Bits of the part's bitmap per hash: about one hash in 64 shares its bit with an earlier one.
const BITS_PER_HASH = 64;

/**
 * The hashes that occur more than once in `hashes` (one array, held in memory), without sorting them:
 * one read counts the parts, one spreads the hashes over them, and in each part a bitmap indexed by the
 * hash's low bits is marked hash after hash — a hash whose bit is already marked is a candidate (a
 * repeat, or another hash with the same low bits), and only the candidates are counted, in a second
 * read of the part. The radix sort (repeatedHashes.ts) reads and writes every hash four times, each
 * write to one of 2,048 places: 20 ms at 1,000,000 hashes, where this takes about 10 (issue 14,
 * docs/scale-measurements.md). The answer is exact whatever the hashes; a part of many hashes gets a
 * larger bitmap, so the time stays linear.
 */
export function repeatedHashesFiltered(hashes: Uint32Array): HashSet {
  // A customer's few events: a set is faster than anything made for a million (repeatedHashes.ts).
  if (hashes.length <= SMALL) return repeatedHashes([hashes]);
  const starts = new Uint32Array(PARTS + 1);
  for (let i = 0; i < hashes.length; i += 1) starts[(hashes[i]! >>> (32 - PART_BITS)) + 1]! += 1;
  let largest = 0;
  for (let part = 0; part < PARTS; part += 1) {
    largest = Math.max(largest, starts[part + 1]!);
    starts[part + 1]! += starts[part]!;
  }
  const parted = new Uint32Array(hashes.length);
  const next = starts.slice(0, PARTS);
  for (let i = 0; i < hashes.length; i += 1) {
    const hash = hashes[i]!;
    const part = hash >>> (32 - PART_BITS);
    parted[next[part]!] = hash;
    next[part]! += 1;
  }
  const seen = new Int32Array(bitmapWords(largest));
  const repeated = new Set<number>();
  const candidates: number[] = [];
  for (let part = 0; part < PARTS; part += 1)
    repeatedInPart(parted, starts[part]!, starts[part + 1]!, seen, candidates, repeated);
  return new HashSet(repeated, hashes.length);
}

// 32-bit words of a part's bitmap: a power of two, BITS_PER_HASH bits per hash or more.
function bitmapWords(hashes: number): number {
  let words = 1;
  while (words * 32 < hashes * BITS_PER_HASH) words *= 2;
  return words;
}

// The repeats among parted[from, to) into `repeated`; `seen` is large enough for any part, and only
// the words this part uses are cleared.
function repeatedInPart(
  parted: Uint32Array,
  from: number,
  to: number,
  seen: Int32Array,
  candidates: number[],
  repeated: Set<number>,
): void {
  const words = bitmapWords(to - from);
  const mask = words * 32 - 1;
  seen.fill(0, 0, words);
  candidates.length = 0;
  for (let i = from; i < to; i += 1) {
    const hash = parted[i]!;
    const flag = 1 << (hash & 31);
    const word = (hash & mask) >>> 5;
    if ((seen[word]! & flag) === 0) seen[word]! |= flag;
    else candidates.push(hash);
  }
  // A candidate repeats if it occurs twice: counted in one more read, the bitmap now marking it alone.
  if (candidates.length === 0) return;
  seen.fill(0, 0, words);
  for (const hash of candidates) seen[(hash & mask) >>> 5]! |= 1 << (hash & 31);
  // Few candidates are compared one by one; many (a hash sent thousands of times) are put in a set.
  const isCandidate = candidates.length <= FEW_CANDIDATES ? listed(candidates) : inSet(new Set(candidates));
  const once = new Set<number>();
  for (let i = from; i < to; i += 1) {
    const hash = parted[i]!;
    if ((seen[(hash & mask) >>> 5]! & (1 << (hash & 31))) === 0 || !isCandidate(hash)) continue;
    if (once.has(hash)) repeated.add(hash);
    else once.add(hash);
  }
}

const FEW_CANDIDATES = 16;
const listed = (list: ReadonlyArray<number>) => (hash: number) => list.includes(hash);
const inSet = (set: ReadonlySet<number>) => (hash: number) => set.has(hash);
