/**
 * The hashes that occur more than once among `chunks`, found with one chunk's worth of memory besides
 * them (4 MB for HashList's chunks of 2^20): each chunk is sorted in place, through one scratch array,
 * then the sorted chunks are merged, smallest hash first, and a hash the merge gives twice in a row is
 * a repeat. The chunks are left sorted, their order lost: for hashes that are not needed afterwards
 * (streaming's first pass, HashList.repeated).
 *
 * Why not one sort of all the hashes: a sort into a new array of every hash took 4 bytes an event more,
 * 40 MB at 10,000,000 events, a fifth of streaming a usage file's peak memory (issue 14's
 * `streamingPeakRssMb10M` < 200: 192–196 MB with it, 218 MB on a loaded machine, 7 December 2026).
 * The chunks may have any lengths.
 * @example [...repeatedInSortedChunks([Uint32Array.of(9, 7), Uint32Array.of(3, 7)])] // [7]
 */
export function repeatedInSortedChunks(chunks: ReadonlyArray<Uint32Array>): Set<number> {
  let longest = 0;
  for (const chunk of chunks) longest = Math.max(longest, chunk.length);
  const scratch = new Uint32Array(longest);
  const counts = new Uint32Array(PASSES * DIGIT);
  const lists: Uint32Array[] = [];
  for (const chunk of chunks) {
    if (chunk.length === 0) continue;
    sortInPlace(chunk, scratch, counts);
    lists.push(chunk);
  }
  return repeatsInMerge(lists);
}

// Four passes of 8 bits, least significant first: an even number, so the last pass writes back into
// the chunk itself (chunk → scratch → chunk → scratch → chunk), and 256 places a pass, which stay in
// the processor's cache.
const PASSES = 4;
const DIGIT_BITS = 8;
const DIGIT = 1 << DIGIT_BITS;

function sortInPlace(chunk: Uint32Array, scratch: Uint32Array, counts: Uint32Array): void {
  counts.fill(0);
  for (let i = 0; i < chunk.length; i += 1) {
    const hash = chunk[i]!;
    counts[hash & 0xff]! += 1;
    counts[DIGIT + ((hash >>> 8) & 0xff)]! += 1;
    counts[2 * DIGIT + ((hash >>> 16) & 0xff)]! += 1;
    counts[3 * DIGIT + (hash >>> 24)]! += 1;
  }
  for (let pass = 0; pass < PASSES; pass += 1) toStarts(counts, pass * DIGIT);
  const length = chunk.length;
  place(chunk, scratch, length, counts, 0);
  place(scratch, chunk, length, counts, 1);
  place(chunk, scratch, length, counts, 2);
  place(scratch, chunk, length, counts, 3);
}

// One pass's counts per digit value → where each value's first hash goes (the counts before it).
function toStarts(counts: Uint32Array, offset: number): void {
  let sum = 0;
  for (let value = offset; value < offset + DIGIT; value += 1) {
    const count = counts[value]!;
    counts[value] = sum;
    sum += count;
  }
}

// One stable pass over the first `length` hashes of `from`: each to the next free place of its digit.
function place(from: Uint32Array, to: Uint32Array, length: number, next: Uint32Array, pass: number): void {
  const shift = pass * DIGIT_BITS;
  const offset = pass * DIGIT;
  for (let i = 0; i < length; i += 1) {
    const hash = from[i]!;
    const slot = offset + ((hash >>> shift) & 0xff);
    to[next[slot]!] = hash;
    next[slot]! += 1;
  }
}

// A k-way merge of sorted lists through a binary heap of the lists' next hashes (k is the number of
// chunks: 10 at 10,000,000 events), noting every hash that comes out equal to the one before it.
function repeatsInMerge(lists: ReadonlyArray<Uint32Array>): Set<number> {
  const repeated = new Set<number>();
  const heap = new MergeHeap(lists);
  let previous = -1; // no hash: hashes are 0 to 2^32 - 1
  while (heap.size > 0) {
    const hash = heap.smallest();
    if (hash === previous) repeated.add(hash);
    previous = hash;
    heap.advance();
  }
  return repeated;
}

/** The lists' next hashes, smallest on top: which list it is in, and how far each list has been read. */
class MergeHeap {
  size: number;
  private readonly values: Float64Array;
  private readonly owners: Uint32Array;
  private readonly read: Uint32Array;

  constructor(private readonly lists: ReadonlyArray<Uint32Array>) {
    this.size = lists.length;
    this.values = new Float64Array(lists.length);
    this.owners = new Uint32Array(lists.length);
    this.read = new Uint32Array(lists.length);
    for (let list = 0; list < lists.length; list += 1) {
      this.values[list] = lists[list]![0]!;
      this.owners[list] = list;
    }
    for (let at = (this.size >>> 1) - 1; at >= 0; at -= 1) this.siftDown(at);
  }

  smallest(): number {
    return this.values[0]!;
  }

  // The top list's next hash takes its place, or its last list's place when it has no more.
  advance(): void {
    const list = this.owners[0]!;
    const next = this.read[list]! + 1;
    this.read[list] = next;
    const hashes = this.lists[list]!;
    if (next < hashes.length) this.values[0] = hashes[next]!;
    else {
      this.size -= 1;
      this.values[0] = this.values[this.size]!;
      this.owners[0] = this.owners[this.size]!;
    }
    this.siftDown(0);
  }

  private siftDown(from: number): void {
    const { values, owners, size } = this;
    const value = values[from]!;
    const owner = owners[from]!;
    let at = from;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && values[child + 1]! < values[child]!) child += 1;
      if (values[child]! >= value) break;
      values[at] = values[child]!;
      owners[at] = owners[child]!;
      at = child;
    }
    values[at] = value;
    owners[at] = owner;
  }
}
