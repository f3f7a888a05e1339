import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HashList, idHash, repeatedHashes } from "../../src/meters/idHash.js";

// idHash is not only a pre-filter: usage aggregates put an event in shard `idHash(id) mod count`
// (docs/scale.md), so its values are part of the format and another engine must be able to compute
// them. The expected values come from an independent Python implementation of what docs/scale.md
// names: FNV-1a over the UTF-16 code units, offset basis 0x811c9dc5 xor the number of code units,
// prime 0x01000193, then MurmurHash3's fmix32 (>>>16, × 0x85ebca6b, >>>13, × 0xc2b2ae35, >>>16), mod 2^32:
//   def fnv(t): h = 0x811c9dc5 ^ len(units); for c in units: h = ((h ^ c) * 0x01000193) & 0xffffffff
//   ""  → FNV 0x811c9dc5 → 2,872,998,923;  "a" → FNV 0xe50c2abf → 3,873,127,206
describe("idHash", () => {
  it("gives the documented FNV-1a + fmix32 value of each id", () => {
    expect(idHash("")).toBe(2_872_998_923);
    expect(idHash("a")).toBe(3_873_127_206);
    expect(idHash("ab")).toBe(3_617_312_787);
    // nearby ids spread far apart
    expect(idHash("evt_1")).toBe(4_161_055_964);
    expect(idHash("evt_2")).toBe(501_134_450);
    // one UTF-16 code unit (é, U+00E9) and two (😀, a surrogate pair)
    expect(idHash("é")).toBe(3_624_727_347);
    expect(idHash("😀")).toBe(3_242_300_857);
  });
});

describe("repeatedHashes", () => {
  it("finds the hashes that occur more than once among a few (the set path)", () => {
    const repeated = repeatedHashes([Uint32Array.from([5, 1, 5, 2]), Uint32Array.from([2, 9, 5])]);
    // 5 three times and 2 twice (across the two chunks); 1 and 9 once
    expect([...repeated].sort((a, b) => a - b)).toEqual([2, 5]);
    expect(repeatedHashes([Uint32Array.from([1, 2, 3])]).size).toBe(0);
  });

  it("finds them among more than 256 (the 1,024 buckets), in the first and last bucket and unsorted", () => {
    const bucket = (b: number, low: number) => ((b << 22) >>> 0) + low;
    // 300 distinct hashes, one in each of buckets 1 to 300 (low bits 1)
    const distinct = Array.from({ length: 300 }, (_, index) => bucket(index + 1, 1));
    const first = Uint32Array.from([0, ...distinct.slice(0, 150), bucket(5, 7), bucket(5, 3)]);
    const second = Uint32Array.from([...distinct.slice(150), 0xffffffff, bucket(5, 7), 0, 0xffffffff]);
    // repeated: 0 (bucket 0), 0xffffffff (bucket 1,023), bucket 5 + 7 (apart from 5 + 3 and 5 + 1, in
    // another chunk); nothing else repeats
    expect([...repeatedHashes([first, second])].sort((a, b) => a - b)).toEqual([0, bucket(5, 7), 0xffffffff]);
  });

  it("finds the same when the buckets are spread a few at a time (a small spread limit)", () => {
    const bucket = (b: number, low: number) => ((b << 22) >>> 0) + low;
    // buckets 0, 5 and 1,023 hold the repeats; 300 singles fill buckets 1 to 300. A limit of 1 spreads
    // one bucket at a time (bucket 5 holds 3 hashes, more than the limit: alone in its range), 2 and
    // 100 a few buckets at a time; the answer is the repeats whatever the limit.
    const singles = Array.from({ length: 300 }, (_, index) => bucket(index + 1, 1));
    const hashes = Uint32Array.from([0, ...singles, bucket(5, 7), 0xffffffff, bucket(5, 7), 0, 0xffffffff]);
    for (const limit of [1, 2, 100, 1 << 21])
      expect([...repeatedHashes([hashes], limit)].sort((a, b) => a - b)).toEqual([
        0,
        bucket(5, 7),
        0xffffffff,
      ]);
  });

  it("law: the repeats are the hashes counted more than once, for any chunks and spread limit", () => {
    // a few values that collide often, among values over the whole 32-bit range (every bucket)
    const hash = fc.oneof(fc.constantFrom(0, 1, 0x00400000, 0xffffffff), fc.nat({ max: 0xffffffff }));
    fc.assert(
      fc.property(
        fc.array(fc.array(hash, { maxLength: 700 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 2000 }),
        (parts, limit) => {
          const counts = new Map<number, number>();
          for (const value of parts.flat()) counts.set(value, (counts.get(value) ?? 0) + 1);
          const expected = [...counts].filter(([, count]) => count > 1).map(([value]) => value);
          const found = repeatedHashes(
            parts.map((part) => Uint32Array.from(part)),
            limit,
          );
          expect([...found].sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
        },
      ),
    );
  });

  it("reports nothing for many distinct hashes, neighbours in one bucket included", () => {
    const many = Uint32Array.from({ length: 600 }, (_, index) => index * 3);
    expect(repeatedHashes([many]).size).toBe(0);
  });
});

describe("HashList", () => {
  it("keeps every hash pushed across its 2^20-hash chunks, in order", () => {
    const list = new HashList();
    const chunk = 1 << 20;
    for (let i = 0; i < chunk + 2; i += 1) list.push(i);
    // one full chunk, then a chunk holding the last 2
    expect(list.length).toBe(chunk + 2);
    const chunks = list.chunks();
    expect(chunks.map((part) => part.length)).toEqual([chunk, 2]);
    expect([chunks[0]![0], chunks[0]![chunk - 1], chunks[1]![0], chunks[1]![1]]).toEqual([
      0,
      chunk - 1,
      chunk,
      chunk + 1,
    ]);
  });

  it("gives no hash before the first push", () => {
    const list = new HashList();
    expect(list.length).toBe(0);
    expect(list.chunks().map((part) => part.length)).toEqual([0]);
  });
});
