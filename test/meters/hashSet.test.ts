import { describe, expect, it } from "vitest";
import { HashSet } from "../../src/meters/hashSet.js";

// Asked a million times: with a bitmap. Asked four times: without.
const MANY = 1_000_000;

describe("HashSet", () => {
  it("has its hashes and no other, an absent hash on a member's bitmap bit included", () => {
    // 3 hashes: a bitmap of 1,024 bits (the least), so 7 and 7 + 1,024 share a bit
    const set = new HashSet(new Set([7, 0xffffffff, 2 ** 31]), MANY);
    expect(set.size).toBe(3);
    for (const hash of [7, 0xffffffff, 2 ** 31]) expect(set.has(hash)).toBe(true);
    for (const hash of [0, 8, 7 + 1024, 0xfffffffe, 2 ** 31 + 1024]) expect(set.has(hash)).toBe(false);
  });

  it("answers the same without a bitmap, when asked a few times", () => {
    const set = new HashSet(new Set([7, 0xffffffff]), 4);
    expect([7, 0xffffffff, 0, 8, 7 + 1024].map((hash) => set.has(hash))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it("lists its hashes, and an empty one has none", () => {
    expect([...new HashSet(new Set([5, 3]), MANY)]).toEqual([5, 3]);
    for (const lookups of [4, MANY]) {
      const empty = new HashSet(new Set(), lookups);
      expect(empty.size).toBe(0);
      expect([0, 1, 0xffffffff].some((hash) => empty.has(hash))).toBe(false);
    }
  });

  it("answers exactly for more hashes than its largest bitmap has bits for one each", () => {
    // 2^18 even hashes (every second one below 2^19): more than the 131,072 of the largest bitmap
    const even = new Set(Array.from({ length: 2 ** 18 }, (_, k) => 2 * k));
    const set = new HashSet(even, MANY);
    expect(set.has(2 ** 19 - 2)).toBe(true);
    expect(set.has(2 ** 19 - 1)).toBe(false);
    expect(set.has(2 ** 19)).toBe(false);
  });
});
