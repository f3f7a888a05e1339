import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasDuplicateKeys } from "../../src/cli/duplicateKeys.js";
import { parsePlainJsonLine } from "../../src/cli/plainJsonLine.js";

// A value with its members in order and -0 told apart from 0: what JSON.parse gives must be given
// member for member, in the same order (toEqual alone ignores the order of keys).
function shape(value: unknown): unknown {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : value;
  if (Array.isArray(value)) return { array: value.map(shape) };
  if (typeof value !== "object" || value === null) return value;
  return {
    prototype: Object.getPrototypeOf(value) === Object.prototype,
    members: Object.keys(value).map((key) => [key, shape((value as Record<string, unknown>)[key])]),
  };
}

// JSON.parse's value for `text`, or "refused".
function reference(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return "refused";
  }
}

// The plain reader either declines a text or gives exactly JSON.parse's value for a text without a
// repeated key (a repeated key must always be declined: JSON.parse would drop a copy silently).
function agreesWithJsonParse(text: string): void {
  const plain = parsePlainJsonLine(text);
  if (plain === undefined) return;
  const parsed = reference(text);
  expect(parsed).not.toBe("refused");
  expect(hasDuplicateKeys(text, parsed)).toBe(false);
  expect(shape(plain)).toEqual(shape(parsed));
}

const TRICKY_KEYS = [
  "id",
  "gb",
  "region",
  "",
  "__proto__",
  "constructor",
  "toString",
  "0",
  "a:b",
  "é",
  "a b",
];
const TRICKY_TEXTS = ["", "x", "a:b", "\\", 'a"b', "\n", "\u0000", "\u001f", "é", "\ud800", "{}", "[1]"];
const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1e21, 1.5e-7, 123.456),
);
const primitive = fc.oneof(
  fc.constantFrom(...TRICKY_TEXTS),
  fc.string(),
  number,
  fc.boolean(),
  fc.constant(null),
);

// Members as a list, so a key can be written twice; nested up to three levels, arrays too.
type Tree = unknown;
const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    primitive,
    fc.array(tie("tree"), { maxLength: 3 }),
    fc.array(fc.tuple(fc.constantFrom(...TRICKY_KEYS), tie("tree")), { maxLength: 5 }).map((members) => ({
      members,
    })),
  ),
})).tree;

function write(tree: Tree, space: string): string {
  if (Array.isArray(tree)) return `[${tree.map((item) => write(item, space)).join(",")}]`;
  if (typeof tree === "object" && tree !== null && "members" in tree) {
    const members = (tree as { members: [string, Tree][] }).members;
    return `{${members.map(([key, value]) => `${JSON.stringify(key)}:${space}${write(value, space)}`).join(",")}}`;
  }
  return JSON.stringify(tree);
}

// Texts near JSON: the characters the reader looks at, in any order.
const nearJson = fc
  .array(fc.constantFrom(...'{}[]":,-+.0123456789eEtruefalsn \\\u0001ab'.split("")), { maxLength: 40 })
  .map((characters) => characters.join(""));

describe("an NDJSON line read without JSON.parse", () => {
  it("gives JSON.parse's value, member for member, or declines (repeated keys, escapes, spaces, deep objects)", () => {
    fc.assert(
      fc.property(treeArb, fc.constantFrom("", " ", "\t"), (tree, space) =>
        agreesWithJsonParse(write(tree, space)),
      ),
      { numRuns: 3000 },
    );
  });

  it("never accepts a text JSON.parse refuses, nor gives another value for one it reads", () => {
    fc.assert(
      fc.property(nearJson, (text) => agreesWithJsonParse(text)),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(treeArb, fc.nat(60), fc.nat(60), (tree, from, to) => {
        const text = write(tree, "");
        agreesWithJsonParse(text.slice(0, from) + text.slice(from + 1)); // a character dropped
        agreesWithJsonParse(text.slice(0, to)); // a line cut short
      }),
      { numRuns: 2000 },
    );
  });

  it("reads every plain object of events' shape (strings, numbers, literals, one level of objects)", () => {
    const plainText = fc
      .string()
      .filter((text) =>
        [...text].every((character) => character >= " " && character !== '"' && character !== "\\"),
      );
    const plainKey = plainText.filter((key) => key !== "__proto__");
    const flat = fc.dictionary(plainKey, fc.oneof(plainText, number, fc.boolean(), fc.constant(null)), {
      maxKeys: 4,
    });
    fc.assert(
      fc.property(fc.dictionary(plainKey, fc.oneof(plainText, flat), { maxKeys: 6 }), (event) => {
        const text = JSON.stringify(event);
        expect(shape(parsePlainJsonLine(text))).toEqual(shape(JSON.parse(text)));
      }),
      { numRuns: 2000 },
    );
  });

  it("reads a benchmark line, and declines one that writes a key twice or puts a space after a colon", () => {
    const line =
      '{"id":"evt_7","type":"cdn.bandwidth","customer":"cus_bench","timestamp":"2026-02-01T05:00:00.000Z","properties":{"region":"latam","gb":"259.007"}}';
    expect(parsePlainJsonLine(line)).toEqual({
      id: "evt_7",
      type: "cdn.bandwidth",
      customer: "cus_bench",
      timestamp: "2026-02-01T05:00:00.000Z",
      properties: { region: "latam", gb: "259.007" },
    });
    expect(parsePlainJsonLine('{"id":"x","id":"d1"}')).toBeUndefined();
    expect(parsePlainJsonLine('{"properties":{"gb":1,"gb":2}}')).toBeUndefined();
    expect(parsePlainJsonLine('{"id": "x"}')).toBeUndefined();
    // -1.5e3 is −1,500; 01 is not a JSON number; "__proto__" is a member only to JSON.parse
    expect(parsePlainJsonLine('{"gb":-1.5e3,"on":true,"off":false,"none":null}')).toEqual({
      gb: -1500,
      on: true,
      off: false,
      none: null,
    });
    expect(parsePlainJsonLine('{"gb":01}')).toBeUndefined();
    expect(parsePlainJsonLine('{"__proto__":{"gb":"1"}}')).toBeUndefined();
  });
});
