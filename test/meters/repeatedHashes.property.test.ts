import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { repeatedHashes, repeatedHashesOverwriting, SMALL } from "../../src/meters/repeatedHashes.js";
import { repeatsByCounting } from "../_arbitraries/hashes.js";

// Few distinct values, so lists repeat often; lengths on both sides of the set/radix-sort threshold (256).
const hashesArb = fc.array(
  fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 0xffffffff })),
  { maxLength: 600 },
);

// The hashes in chunks of `size`, the last one shorter.
function chunked(hashes: ReadonlyArray<number>, size: number): Uint32Array[] {
  const chunks: Uint32Array[] = [];
  for (let at = 0; at < hashes.length; at += size) chunks.push(Uint32Array.from(hashes.slice(at, at + size)));
  return chunks;
}

describe("repeatedHashes", () => {
  it("finds exactly the hashes that occur more than once, small lists and large, in any chunking", () => {
    fc.assert(
      fc.property(hashesArb, fc.integer({ min: 1, max: 700 }), (hashes, chunkSize) => {
        const chunks = chunked(hashes, chunkSize);
        expect([...repeatedHashes(chunks)].sort((a, b) => a - b)).toEqual(repeatsByCounting(hashes));
      }),
    );
  });

  it("finds the same sorting the chunks in place and merging them (streaming's first pass)", () => {
    fc.assert(
      fc.property(hashesArb, fc.integer({ min: 1, max: 700 }), (hashes, chunkSize) => {
        const chunks = chunked(hashes, chunkSize);
        const expected = repeatsByCounting(hashes);
        expect([...repeatedHashesOverwriting(chunks)].sort((a, b) => a - b)).toEqual(expected);
        // Past the set path's 256, each chunk is left sorted, holding the hashes it held.
        if (hashes.length > SMALL)
          for (const [index, chunk] of chunks.entries())
            expect([...chunk]).toEqual(
              hashes.slice(index * chunkSize, (index + 1) * chunkSize).sort((a, b) => a - b),
            );
      }),
    );
  });

  it("finds a repeat among four hashes", () => {
    // 7 twice, 9 once, 3 once: only 7 repeats
    expect([...repeatedHashes([Uint32Array.of(7, 9, 7, 3)])]).toEqual([7]);
  });
});
