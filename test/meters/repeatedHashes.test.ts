import { describe, expect, it } from "vitest";
import { repeatedHashes, repeatedHashesOverwriting } from "../../src/meters/repeatedHashes.js";

const ascending = (hashes: Iterable<number>) => [...hashes].sort((a, b) => a - b);

describe("repeatedHashes", () => {
  it("finds the hashes that occur more than once among a few (the set path)", () => {
    const repeated = repeatedHashes([Uint32Array.from([5, 1, 5, 2]), Uint32Array.from([2, 9, 5])]);
    // 5 three times and 2 twice (across the two chunks); 1 and 9 once
    expect(ascending(repeated)).toEqual([2, 5]);
    expect(repeatedHashes([Uint32Array.from([1, 2, 3])]).size).toBe(0);
  });

  it("finds them among more than 256 (the radix sort), the smallest and largest hash included, unsorted", () => {
    const high = (b: number, low: number) => ((b << 22) >>> 0) + low;
    // 300 distinct hashes, one for each high digit 1 to 300 (low bits 1)
    const distinct = Array.from({ length: 300 }, (_, index) => high(index + 1, 1));
    const first = Uint32Array.from([0, ...distinct.slice(0, 150), high(5, 7), high(5, 3)]);
    const second = Uint32Array.from([...distinct.slice(150), 0xffffffff, high(5, 7), 0, 0xffffffff]);
    // repeated: 0, 0xffffffff, 5 × 2^22 + 7 (apart from 5 × 2^22 + 3 and + 1, in another chunk);
    // nothing else repeats
    expect(ascending(repeatedHashes([first, second]))).toEqual([0, high(5, 7), 0xffffffff]);
  });

  it("finds them among more than 2^20, where the sort's scratch takes two chunks, the last one short", () => {
    // Issue 9: the scratch's last chunk holds only the hashes past 2^20 (3 here); sized as a full chunk,
    // its trailing zeros would be sorted in too. 2^20 distinct hashes k × 4,095 + 1 (k < 2^20, so at
    // most 4,293,914,626 < 2^32, every high digit 0–1,023 used, and none of them 0), then 3 more:
    // 7 × 4,095 + 1 = 28,666 again and two new ones past the last (2^20 × 4,095 + 1 and + 2).
    const first = Uint32Array.from({ length: 2 ** 20 }, (_, k) => k * 4095 + 1);
    const last = 2 ** 20 * 4095;
    const second = Uint32Array.from([28_666, last + 1, last + 2]);
    expect(ascending(repeatedHashes([first, second]))).toEqual([28_666]);
  });

  it("tells apart hashes that differ in one digit only (bits 0–10, 11–21 or 22–31)", () => {
    const base = 0x5a5a5a5a;
    // base with the lowest bit of each digit flipped: 2^0, 2^11, 2^22; and the highest bit of each:
    // 2^10, 2^21, 2^31
    const near = [1, 2 ** 11, 2 ** 22, 2 ** 10, 2 ** 21, 2 ** 31].map((bit) => (base ^ bit) >>> 0);
    // 300 fillers far from them (multiples of 7 below 2,100), then base twice and each neighbour once
    const fillers = Array.from({ length: 300 }, (_, k) => k * 7);
    const hashes = Uint32Array.from([base, ...fillers, ...near, base]);
    expect(ascending(repeatedHashes([hashes]))).toEqual([base]);
  });

  it("reports nothing for many distinct hashes, neighbours included", () => {
    const many = Uint32Array.from({ length: 600 }, (_, index) => index * 3);
    expect(repeatedHashes([many]).size).toBe(0);
  });

  it("finds a hash repeated in every place of a long list, once", () => {
    // 1,000 copies of 42: one repeated hash, however many times it repeats
    expect([...repeatedHashes([new Uint32Array(1000).fill(42)])]).toEqual([42]);
  });
});

// Streaming's first pass (HashList.repeated): each chunk sorted in place by four passes of 8 bits, then
// the sorted chunks merged (src/meters/repeatedInSortedChunks.ts).
describe("repeatedHashesOverwriting", () => {
  it("finds repeats across HashList's chunks of 2^20, the last one short, each chunk left sorted", () => {
    // 2^20 distinct hashes k × 4,095 + 1, descending, then 3 more: 7 × 4,095 + 1 = 28,666 again (in the
    // other chunk) and two new ones past the largest (2^20 × 4,095 + 1 and + 2)
    const first = Uint32Array.from({ length: 2 ** 20 }, (_, k) => (2 ** 20 - 1 - k) * 4095 + 1);
    const last = 2 ** 20 * 4095;
    const second = Uint32Array.from([last + 2, 28_666, last + 1]);
    expect(ascending(repeatedHashesOverwriting([first, second]))).toEqual([28_666]);
    expect([first[0], first[1], first[2 ** 20 - 1]]).toEqual([1, 4096, (2 ** 20 - 1) * 4095 + 1]);
    expect([...second]).toEqual([28_666, last + 1, last + 2]);
  });

  it("tells apart hashes that differ in one 8-bit digit only, the highest bit included", () => {
    const base = 0x5a5a5a5a;
    // base with the lowest and the highest bit of each 8-bit digit flipped: 2^0, 2^8, 2^16, 2^24 and
    // 2^7, 2^15, 2^23, 2^31
    const near = [0, 8, 16, 24, 7, 15, 23, 31].map((bit) => (base ^ (2 ** bit)) >>> 0);
    // 300 fillers far from them (multiples of 7 below 2,100); base twice, in two chunks; each
    // neighbour once, spread over three chunks
    const fillers = Array.from({ length: 300 }, (_, k) => k * 7);
    const chunks = [
      Uint32Array.from([base, ...near.slice(0, 3), ...fillers.slice(0, 100)]),
      Uint32Array.from([...fillers.slice(100), ...near.slice(3, 6)]),
      Uint32Array.from([...near.slice(6), base]),
    ];
    expect(ascending(repeatedHashesOverwriting(chunks))).toEqual([base]);
  });

  it("finds 0 and 2^32 - 1 repeated, and a hash repeated in every chunk once", () => {
    // 0 and 0xffffffff twice each; 42 in each of 5 chunks; 300 distinct fillers 1000 + k
    const fillers = Array.from({ length: 300 }, (_, k) => 1000 + k);
    const chunks = [
      Uint32Array.from([0xffffffff, 42, ...fillers.slice(0, 150)]),
      Uint32Array.from([42, 0]),
      Uint32Array.from([42]),
      Uint32Array.from([42, ...fillers.slice(150), 0xffffffff]),
      Uint32Array.from([0, 42]),
      new Uint32Array(0),
    ];
    expect(ascending(repeatedHashesOverwriting(chunks))).toEqual([0, 42, 0xffffffff]);
  });
});
