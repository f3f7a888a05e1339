import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pairHash } from "../../src/meters/pairHash.js";

// pairHash (src/meters/pairHash.ts) needs no particular values, only that every code unit counts:
// each step `h → (h ^ word) × odd` is a bijection of h for a given word, a pair's word is a bijection
// of either of its units (the second multiplied by an odd constant), and the finaliser is a
// bijection too. So two texts of one length that differ in one code unit never share a hash.

const textArb = fc.string({ unit: "binary", minLength: 1, maxLength: 24 });

describe("pairHash (laws)", () => {
  it("gives two texts of one length that differ in one code unit, at any place, different hashes", () => {
    fc.assert(
      fc.property(textArb, fc.nat(), fc.integer({ min: 1, max: 0xffff }), (text, at, change) => {
        const index = at % text.length;
        const unit = (text.charCodeAt(index) + change) % 0x10000;
        const other = `${text.slice(0, index)}${String.fromCharCode(unit)}${text.slice(index + 1)}`;
        expect(pairHash(other)).not.toBe(pairHash(text));
      }),
    );
  });

  it("is an unsigned 32-bit integer, the same for the same text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const hash = pairHash(text);
        expect(Number.isInteger(hash) && hash >= 0 && hash <= 0xffffffff).toBe(true);
        expect(pairHash(`${text}`)).toBe(hash);
      }),
    );
  });

  it("tells apart texts that differ in length only (the length starts the state)", () => {
    // "" and "\0": both add nothing but their length; "a" and "a\0" likewise
    expect(pairHash("")).not.toBe(pairHash("\0"));
    expect(pairHash("a")).not.toBe(pairHash("a\0"));
  });
});
