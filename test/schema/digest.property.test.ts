import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import { canonicalJson, digestOf, sha256Digest, withDigest } from "../../src/schema/index.js";
import { canonicalText } from "../_support/canonicalText.js";

// The canonical form and digest of docs/invoice-format.md ("Digests"), checked against node:crypto and
// against RFC 8785's own examples, never against the code's output.

// JSON values as documents hold them: text (any Unicode, astral characters and escapes included),
// integers, booleans, null, nested arrays and objects with arbitrary keys.
const jsonArb = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string({ unit: "grapheme" }),
    fc.string({ unit: "binary" }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: "grapheme" }), tie("value"), { maxKeys: 4 }),
  ),
})).value;

// Another implementation of the spec (test/_support/canonicalText.ts) and node:crypto.
const nodeDigest = (value: unknown) =>
  `sha256:${createHash("sha256").update(canonicalText(value), "utf8").digest("hex")}`;

function shuffledKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffledKeys(item, seed + 1));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value);
  const rotated = [
    ...entries.slice(seed % (entries.length || 1)),
    ...entries.slice(0, seed % (entries.length || 1)),
  ];
  return Object.fromEntries(rotated.reverse().map(([key, item]) => [key, shuffledKeys(item, seed + 1)]));
}

describe("canonicalJson", () => {
  it("sorts keys by UTF-16 code units, with no whitespace (RFC 8785 section 3.2.3's order)", () => {
    // RFC 8785's sorting example: "\r" (U+000D) < "1" < "\u0080" < "ö" (U+00F6) < "€" (U+20AC) <
    // "😀" (U+1F600, UTF-16 D83D DE00) < "דּ" (U+FB33): the emoji sorts before U+FB33 by code units
    const input = { "\u20ac": 1, "\r": 2, "\ufb33": 3, "1": 4, "\ud83d\ude00": 5, "\u0080": 6, "\u00f6": 7 };
    expect(canonicalJson(input)).toBe(
      '{"\\r":2,"1":4,"\u0080":6,"\u00f6":7,"\u20ac":1,"\ud83d\ude00":5,"\ufb33":3}',
    );
  });

  it("writes values as JSON.stringify reads them: toJSON honoured, undefined entries left out", () => {
    expect(canonicalJson({ b: [1, undefined, "x"], a: { c: undefined, d: new Decimal("0.080") } })).toBe(
      '{"a":{"d":"0.08"},"b":[1,null,"x"]}',
    );
  });

  it("writes keys a copy cannot keep in place as the spec orders them: integer-like, __proto__, toJSON", () => {
    // JavaScript puts integer-like keys first in ascending number order ("9" before "10"); RFC 8785
    // orders by code units: "1" (U+0031) < "9" (U+0039) < "a", so "10" < "9" < "a"
    expect(canonicalJson({ a: 1, "9": 2, "10": 3 })).toBe('{"10":3,"9":2,"a":1}');
    expect(canonicalJson({ x: [{ b: 1, "0": 2 }] })).toBe('{"x":[{"0":2,"b":1}]}');
    // a "__proto__" key as JSON.parse makes it: an own key, written like any other ("_" < "a")
    expect(canonicalJson(JSON.parse('{"a":1,"__proto__":{"z":2}}'))).toBe('{"__proto__":{"z":2},"a":1}');
    // an own toJSON is called once, with the object as `this`, and what it returns is written as it is
    const nested = { toJSON: () => ({ toJSON: () => "never called", b: new Decimal("1.50") }) };
    expect(canonicalJson({ n: nested })).toBe(JSON.stringify({ n: { b: "1.5" } }));
  });

  it("is the spec's text for JSON values holding Decimals and integer-like keys", () => {
    const keyArb = fc.oneof(fc.string(), fc.nat().map(String));
    const valueArb = fc.oneof(
      jsonArb,
      fc.integer().map((n) => new Decimal(n).div(8)),
      fc.dictionary(keyArb, jsonArb, { maxKeys: 4 }),
    );
    fc.assert(
      fc.property(fc.dictionary(keyArb, valueArb, { maxKeys: 6 }), (value) => {
        expect(canonicalJson(value)).toBe(canonicalText(JSON.parse(JSON.stringify(value))));
      }),
    );
    // objects of up to 16 keys are sorted by insertion, larger ones by Array.prototype.sort: both sides
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer(), { minKeys: 10, maxKeys: 40 }), (value) => {
        expect(canonicalJson({ value })).toBe(canonicalText({ value }));
      }),
    );
  });

  it("is the same text whatever the key order, and the same for a value and its JSON parsed back", () => {
    fc.assert(
      fc.property(jsonArb, fc.nat(), (value, seed) => {
        const text = canonicalJson(value);
        expect(canonicalJson(shuffledKeys(value, seed))).toBe(text);
        expect(canonicalJson(JSON.parse(JSON.stringify(value, null, 2)))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe("digests", () => {
  it("is node:crypto's SHA-256 of the canonical text, for any JSON value", () => {
    fc.assert(
      fc.property(jsonArb, (value) => {
        expect(sha256Digest(value)).toBe(nodeDigest(value));
      }),
    );
  });

  it("is the same with a host's SHA-256 (node:crypto) as with the default, for any JSON value", () => {
    const host = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest();
    fc.assert(
      fc.property(jsonArb, (value) => {
        expect(sha256Digest(value, host)).toBe(sha256Digest(value));
        expect(withDigest<{ digest: string }>({ value }, host).digest).toBe(nodeDigest({ value }));
      }),
    );
  });

  it("is sha256sum's digest of the text {} for an empty document", () => {
    // printf '{}' | sha256sum → 44136fa3…
    expect(sha256Digest({})).toBe("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  });

  it("gives docs/invoice-format.md's worked example", () => {
    // printf '%s' '{"id":"inv-1","total":"2.50"}' | sha256sum → 4bfc5a43…
    expect(digestOf({ total: "2.50", id: "inv-1", digest: "sha256:whatever" })).toBe(
      "sha256:4bfc5a435b9c78c74a49ef3bd056183c007a14fda7b7b2392e276ae54acf84b1",
    );
  });

  it("leaves the document's own digest out, and withDigest writes it last", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), jsonArb, { maxKeys: 5 }), (content) => {
        const { digest: _digest, ...rest } = content;
        const sealed = withDigest<Record<string, unknown> & { digest: string }>(content);
        expect(Object.keys(sealed).at(-1)).toBe("digest");
        expect(sealed.digest).toBe(nodeDigest(rest));
        expect(digestOf(sealed)).toBe(sealed.digest);
      }),
    );
  });

  it("changes when any value of the document changes", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.string(), { minKeys: 1, maxKeys: 5 }),
        fc.string(),
        (doc, extra) => {
          const [key, value] = Object.entries(doc)[0]!;
          fc.pre(key !== "digest" && value !== `${value}${extra}` && extra !== "");
          expect(digestOf({ ...doc, [key]: `${value}${extra}` })).not.toBe(digestOf(doc));
        },
      ),
    );
  });
});
