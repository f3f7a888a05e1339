import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import { canonicalJson, writeCanonical } from "../../src/schema/index.js";

// Issue 14: digests are computed over bytes written straight from the value. They must be the UTF-8
// bytes of canonicalJson's text (docs/invoice-format.md, "Digests"), whatever the value holds and
// whatever the size of the buffer they are written into.
const utf8 = (text: string) => new TextEncoder().encode(text);

function bytesOf(value: unknown, size: number): Uint8Array {
  const into = new Uint8Array(size);
  const length = writeCanonical(value, into);
  if (length <= size) return into.slice(0, length);
  // Too small: the length returned is enough for the next buffer, which gets the exact length.
  const larger = new Uint8Array(length);
  const exact = writeCanonical(value, larger);
  expect(exact).toBeLessThanOrEqual(length);
  return larger.slice(0, exact);
}

// Values as documents and callers may hold them: any Unicode (lone surrogates, escapes, astral
// characters), numbers of every kind, Decimals, undefined and functions (left out or written null),
// objects with toJSON, integer-like keys and "__proto__".
const keyArb = fc.oneof(fc.string({ unit: "binary" }), fc.nat().map(String), fc.constant("__proto__"));
const leafArb = fc.oneof(
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }),
  fc.string({ unit: fc.constantFrom("a", '"', "\\", "\n", "\u007f", "\u0080", "é", "\ud800", "🧾") }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(() => 1),
  fc.integer().map((n) => new Decimal(n).div(8)),
);
const valueArb = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    leafArb,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(keyArb, tie("value"), { maxKeys: 5 }),
    tie("value").map((inner) => ({ toJSON: () => inner })),
  ),
})).value;

describe("writeCanonical", () => {
  it("writes canonicalJson's text as UTF-8, for any value and any buffer size", () => {
    fc.assert(
      fc.property(valueArb, fc.nat({ max: 80 }), (value, size) => {
        const expected = utf8(canonicalJson(value));
        expect(bytesOf(value, size)).toEqual(expected);
        expect(bytesOf(value, expected.length + 16)).toEqual(expected);
      }),
    );
  });

  it("returns the exact length when the text fits, and writes nothing past it", () => {
    const into = new Uint8Array(32).fill(0x2a);
    // {"a":"é","b":[1,null]}: 2 bytes for é, so 22 code units make 23 bytes
    expect(writeCanonical({ b: [1, undefined], a: "é", c: undefined }, into)).toBe(23);
    expect(new TextDecoder().decode(into.subarray(0, 23))).toBe('{"a":"é","b":[1,null]}');
    expect([...into.subarray(23)]).toEqual(Array(9).fill(0x2a));
  });

  it("returns a length the text fits in when the buffer is too small", () => {
    // {"a":"x"} is 9 bytes; a 4-byte buffer gets its first 4 and the count of all 9
    const into = new Uint8Array(4);
    expect(writeCanonical({ a: "x" }, into)).toBe(9);
    // "ééé" escaped by JSON.stringify is 5 code units, at most 15 bytes from where it starts (byte 5)
    expect(writeCanonical({ a: "ééé" }, new Uint8Array(6))).toBeGreaterThanOrEqual(14);
  });

  it("writes what JSON.stringify writes for top-level leaves, and null where it writes nothing", () => {
    for (const value of [undefined, () => 1, Symbol("s"), { toJSON: () => undefined }])
      expect(bytesOf(value, 8)).toEqual(utf8("null"));
    for (const value of [-0, 1e21, 0.1, Number.NaN, -Infinity, "a\u2028b", true])
      expect(bytesOf(value, 8)).toEqual(utf8(JSON.stringify(value)));
    expect(() => writeCanonical(1n, new Uint8Array(8))).toThrow(TypeError);
  });

  it("writes each key list by its own plan: same first key and length, other keys or order", () => {
    // Plans are found by the first key: {a, c} must not be written with {a, b}'s plan, nor {a, c, b}
    // with {a, b, c}'s
    const shapes = [
      { a: 1, b: 2 },
      { a: 1, c: 2 },
      { a: 1, b: 2, c: 3 },
      { a: 1, c: 3, b: 2 },
      { a: 1, c: undefined, b: 2 },
    ];
    for (const shape of [...shapes, ...shapes])
      expect(bytesOf(shape, 64)).toEqual(utf8(canonicalJson(shape)));
    expect(new TextDecoder().decode(bytesOf({ a: 1, c: 2 }, 64))).toBe('{"a":1,"c":2}');
    expect(new TextDecoder().decode(bytesOf({ a: 1, c: 3, b: 2 }, 64))).toBe('{"a":1,"b":2,"c":3}');
  });

  it("writes objects of more shapes than the plans keep in the same order (keys that are data)", () => {
    // 3,000 key lists: past the 2,048 plans kept, the later ones are sorted each time
    for (let shape = 0; shape < 3000; shape += 1) {
      const value = { [`z${shape}`]: shape, a: [shape], [`k${shape}`]: { y: 1, x: 2 } };
      expect(bytesOf(value, 32)).toEqual(utf8(canonicalJson(value)));
    }
  });
});
