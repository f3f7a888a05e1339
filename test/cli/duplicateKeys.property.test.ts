import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findDuplicateKey, hasDuplicateKeys } from "../../src/cli/duplicateKeys.js";

// A JSON tree whose objects are lists of members, so a key can be written twice. Keys and texts are
// drawn from a small set that includes quotes, backslashes, colons and texts that look like keys.
type Tree = string | number | null | { readonly list: Tree[] } | { readonly members: [string, Tree][] };

const TRICKY = ["id", "gb", 'a"b', "x:", "\\", '\\"', '"id":', "", "__proto__", "constructor", " : "];
const blank = fc.constantFrom("", " ", "\n", "\t ", "\r\n");

const treeArb = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(...TRICKY),
    fc.integer(),
    fc.constant(null),
    fc.record({ list: fc.array(tie("tree"), { maxLength: 4 }) }),
    fc.record({ members: fc.array(fc.tuple(fc.constantFrom(...TRICKY), tie("tree")), { maxLength: 5 }) }),
  ),
})).tree;

function write(tree: Tree, space: string): string {
  if (tree === null || typeof tree !== "object") return JSON.stringify(tree);
  if ("list" in tree) return `[${space}${tree.list.map((item) => write(item, space)).join(`,${space}`)}]`;
  const members = tree.members.map(
    ([key, value]) => `${JSON.stringify(key)}${space}:${space}${write(value, space)}`,
  );
  return `{${space}${members.join(`${space},`)}${space}}`;
}

function repeatsAKey(tree: Tree): boolean {
  if (tree === null || typeof tree !== "object") return false;
  if ("list" in tree) return tree.list.some(repeatsAKey);
  const keys = tree.members.map(([key]) => key);
  return new Set(keys).size < keys.length || tree.members.some(([, value]) => repeatsAKey(value));
}

describe("duplicate keys in a JSON text", () => {
  it("are found exactly when some object writes a key twice, at any depth, whatever the spacing", () => {
    fc.assert(
      fc.property(treeArb, blank, (tree, space) => {
        const text = write(tree, space);
        const expected = repeatsAKey(tree);
        expect(hasDuplicateKeys(text, JSON.parse(text))).toBe(expected);
        expect(findDuplicateKey(text) !== undefined).toBe(expected);
      }),
    );
  });

  it("name the repeated key and where its second copy starts", () => {
    fc.assert(
      fc.property(treeArb, blank, (tree, space) => {
        const text = write(tree, space);
        const found = findDuplicateKey(text);
        fc.pre(found !== undefined);
        // the text at the offset is the key, quoted as JSON writes it
        expect(text.startsWith(JSON.stringify(found!.key), found!.offset)).toBe(true);
      }),
    );
  });

  it("never report a text written by JSON.stringify", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        expect(hasDuplicateKeys(text, JSON.parse(text))).toBe(false);
      }),
    );
  });

  it("are found when an escaped colon (\\u003a) would balance the colons the duplicate hides", () => {
    // text colons: 3 separators; parsed: 2 keys + the one colon "\u003a" decodes to = 3 as well
    const text = '{"id":"x","id":"d1","note":"\\u003a"}';
    expect(hasDuplicateKeys(text, JSON.parse(text))).toBe(true);
    expect(findDuplicateKey(text)?.key).toBe("id");
  });

  it("report the path of a key repeated inside the properties of an event", () => {
    const text = '{"id":"e1","properties":{"gb":"1","region":"na","gb":"2"}}';
    // {"id":"e1", is 11 characters, "properties": 13, { 1, "gb":"1", 9, "region":"na", 14:
    // the second "gb" starts at 11 + 13 + 1 + 9 + 14 = 48
    expect(findDuplicateKey(text)).toEqual({ key: "gb", path: "properties.gb", offset: 48 });
    // [{"a":1}, is 9 characters, {"b":2, 7: the second "b" starts at 16, in the array's second object
    expect(findDuplicateKey('[{"a":1},{"b":2,"b":3}]')).toEqual({ key: "b", path: "[1].b", offset: 16 });
  });
});
