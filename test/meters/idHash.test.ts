import { describe, expect, it } from "vitest";
import { HashList, idHash } from "../../src/meters/idHash.js";
import { repeatedHashes } from "../../src/meters/repeatedHashes.js";

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

  it("finds its repeated hashes across chunks, sorting over its own chunks, and is empty afterwards", () => {
    const list = new HashList();
    const chunk = 1 << 20;
    // 2^20 + 500 hashes: k × 4,099 (mod 2^32) for k = 0 … 2^20 + 499, all distinct (4,099 is odd, so
    // k × 4,099 ≡ j × 4,099 (mod 2^32) only for k ≡ j (mod 2^32)), except three written twice: the
    // first hash of the list again in the last chunk, the last of the first chunk again right after
    // it (the first hash of the second chunk), and 7 both at 10 and at 2^20 + 400
    const at = (k: number) => Math.imul(k, 4099) >>> 0;
    for (let k = 0; k < chunk + 500; k += 1) {
      if (k === chunk + 300) list.push(at(0));
      else if (k === chunk) list.push(at(chunk - 1));
      else if (k === 10 || k === chunk + 400) list.push(7);
      else list.push(at(k));
    }
    const copy = list.chunks().map((part) => part.slice());
    const expected = [0, 7, at(chunk - 1)].sort((a, b) => a - b);
    // the reading sort (in memory) and the overwriting one (the list's) find the same three
    expect([...repeatedHashes(copy)].sort((a, b) => a - b)).toEqual(expected);
    expect([...list.repeated()].sort((a, b) => a - b)).toEqual(expected);
    expect(list.length).toBe(0);
  });
});
