import { describe, expect, it } from "vitest";
import { HashList, idHash } from "../../src/meters/idHash.js";

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
});
