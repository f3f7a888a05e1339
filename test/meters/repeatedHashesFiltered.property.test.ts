import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { repeatedHashesFiltered } from "../../src/meters/repeatedHashesFiltered.js";
import { repeatsByCounting } from "../_arbitraries/hashes.js";

const found = (hashes: ReadonlyArray<number>) =>
  [...repeatedHashesFiltered(Uint32Array.from(hashes))].sort((a, b) => a - b);

// Hashes that fall in few parts (their top 11 bits) and share their low bits with others, so a part's
// bitmap marks candidates that do not repeat; values repeated a few times and hundreds of times (more
// candidates in a part than are compared one by one); lengths on both sides of the set path (256).
const sharedLowBits = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 7 }))
  .map(([part, middle, low]) => ((part << 21) | (middle << 12) | low) >>> 0);
const hashArb = fc.oneof(
  { arbitrary: sharedLowBits, weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 40 }), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 0xffffffff }), weight: 3 },
);

describe("repeatedHashesFiltered", () => {
  it("finds exactly the hashes that occur more than once", () => {
    fc.assert(
      fc.property(fc.array(hashArb, { maxLength: 3000 }), (hashes) => {
        expect(found(hashes)).toEqual(repeatsByCounting(hashes));
      }),
      { numRuns: 60 },
    );
  });

  it("finds a hash sent 2,000 times among others of its part, and nothing among distinct hashes", () => {
    // 7 × 2,000 and 300 distinct hashes of part 0 (k × 2^12): only 7 repeats
    const many = [
      ...Array.from({ length: 2000 }, () => 7),
      ...Array.from({ length: 300 }, (_, k) => k << 12),
    ];
    expect(found(many)).toEqual([7]);
    // 5,000 distinct hashes spread over every part: none repeats
    expect(found(Array.from({ length: 5000 }, (_, k) => (k * 2654435761) >>> 0))).toEqual([]);
  });

  it("tells apart hashes that differ in their top bits only (other parts)", () => {
    // 300 distinct low values, each in parts 0 and 1: 600 distinct hashes, none repeats
    const hashes = Array.from({ length: 600 }, (_, k) => (((k % 2) << 21) | (k >> 1)) >>> 0);
    expect(found(hashes)).toEqual([]);
    // then hash 5 of part 1 once more: it repeats
    expect(found([...hashes, ((1 << 21) | 5) >>> 0])).toEqual([((1 << 21) | 5) >>> 0]);
  });
});
