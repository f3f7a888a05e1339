import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";
import {
  anchorsOf,
  filesUnder,
  fragmentLinksIn,
  githubSlug,
  headingSlugs,
  markdownPages,
} from "./markdownLinks.js";

const ROOT = join(import.meta.dirname, "..", "..");

const anchorsByPage = new Map<string, Set<string>>();
function anchorsOfPage(page: string): Set<string> {
  let anchors = anchorsByPage.get(page);
  if (anchors === undefined) {
    anchors = anchorsOf(readFileSync(join(ROOT, page), "utf8"));
    anchorsByPage.set(page, anchors);
  }
  return anchors;
}

/** Why `page#fragment` leads nowhere, or undefined when the page has that anchor. */
function brokenBecause(page: string, fragment: string): string | undefined {
  if (!existsSync(join(ROOT, page))) return `no file ${page}`;
  if (!page.endsWith(".md")) return undefined;
  const anchor = decodeURIComponent(fragment);
  return anchorsOfPage(page).has(anchor) ? undefined : `no heading #${anchor} in ${page}`;
}

// A source comment citing a section as `docs/<page>.md#<anchor>`: the path from the repository root,
// the anchor by the same slugs.
const CITED_SECTION = /(?<![\w./-])(docs\/[\w./-]+\.md)#([\p{L}\p{M}\p{N}_-]+)/gu;

function sourceFiles(): string[] {
  return [
    ...filesUnder(ROOT, "src", ".ts"),
    ...filesUnder(ROOT, "test", ".ts"),
    ...filesUnder(ROOT, "bench", ".mjs", ["bench/out"]),
    ...filesUnder(ROOT, "scripts", ".mjs"),
  ];
}

describe("GitHub heading anchors", () => {
  it("lowercases, drops punctuation and symbols but `-` and `_`, turns spaces to `-`", () => {
    // `:` `(` `)` `,` dropped, the backticks dropped and their text kept, `_` kept:
    // "Line 2: `bandwidth_na` (graduated), 61,400 GB" → "line 2 bandwidth_na graduated 61400 gb".
    expect(headingSlugs(["Line 2: `bandwidth_na` (graduated), 61,400 GB"])).toEqual([
      "line-2-bandwidth_na-graduated-61400-gb",
    ]);
    // `→` dropped, the spaces either side of it both kept: two hyphens.
    expect(githubSlug("Worked example: aggregates written by hand → the invoice")).toBe(
      "worked-example-aggregates-written-by-hand--the-invoice",
    );
    // `×` and `/` dropped the same way; the en dash `–` is not `-` and goes too: "1–4" → "14".
    expect(githubSlug("Price × quantity / 1,000")).toBe("price--quantity--1000");
    expect(githubSlug("Steps 1–4: the lines")).toBe("steps-14-the-lines");
    // `%` and `⌊⌋` are symbols or punctuation; `.` too, so "0.1.0" → "010".
    expect(githubSlug("⌊5 %⌋ of 0.1.0")).toBe("5--of-010");
  });

  it("keeps letters beyond ASCII", () => {
    expect(githubSlug("Größe: Décimales")).toBe("größe-décimales");
  });

  it("numbers a repeated heading -1, -2, counting on from a heading that already has that slug", () => {
    // notes; notes taken → notes-1; "Notes 1" is notes-1, taken → notes-1-1; then notes-2.
    expect(headingSlugs(["Notes", "Notes", "Notes 1", "Notes"])).toEqual([
      "notes",
      "notes-1",
      "notes-1-1",
      "notes-2",
    ]);
  });

  it("reads a heading's rendered text: a link as its words, an escaped character as itself", () => {
    expect(headingSlugs(["See [the table](pricing.md#matrix) \\*"])).toEqual(["see-the-table-"]);
  });

  it("offers headings and explicit anchors, not a `#` line of a code block", () => {
    const page = [
      "# Pricing",
      "",
      "```sh",
      "# not a heading",
      "```",
      "",
      '<a id="percentage-refunds"></a>**Refunds.**',
      "## Pricing ##",
    ].join("\n");
    expect([...anchorsOf(page)].sort()).toEqual(["percentage-refunds", "pricing", "pricing-1"]);
  });
});

describe("links with a #fragment", () => {
  it("finds them with their line, over line breaks, leaving code and other sites out", () => {
    const page = [
      "See [the",
      "table](pricing.md#matrix) and [above](#digests).",
      "`[not](code.md#x)` and [a site](https://example.com/#x) and [no fragment](cli.md).",
      "```md",
      "[in a block](cli.md#y)",
      "```",
      '[last](<meters.md#a-b> "title")',
    ].join("\n");
    expect(fragmentLinksIn(page)).toEqual([
      { line: 2, target: "pricing.md#matrix" },
      { line: 2, target: "#digests" },
      { line: 7, target: "meters.md#a-b" },
    ]);
  });

  it("reads README.md, CHANGELOG.md, docs/ and the fixtures' READMEs", () => {
    expect(markdownPages(ROOT)).toEqual(
      expect.arrayContaining([
        "README.md",
        "CHANGELOG.md",
        "docs/decisions/layering.md",
        "fixtures/cdn-basic/README.md",
      ]),
    );
  });

  it("lead to a heading or an explicit anchor of the page they name", () => {
    const broken = markdownPages(ROOT).flatMap((page) =>
      fragmentLinksIn(readFileSync(join(ROOT, page), "utf8")).flatMap(({ line, target }) => {
        const [path, fragment] = target.split("#", 2) as [string, string];
        const linked = path === "" ? page : normalize(join(dirname(page), decodeURI(path)));
        const why = brokenBecause(linked, fragment);
        return why === undefined ? [] : [`${page}:${line}: (${target}) ${why}`];
      }),
    );
    expect(broken).toEqual([]);
  });

  it("written in source comments as docs/<page>.md#<anchor> lead to a heading of that page", () => {
    const broken = sourceFiles().flatMap((file) =>
      readFileSync(join(ROOT, file), "utf8")
        .split("\n")
        .flatMap((text, index) =>
          [...text.matchAll(CITED_SECTION)].flatMap((match) => {
            const why = brokenBecause(match[1]!, match[2]!);
            return why === undefined ? [] : [`${file}:${index + 1}: ${why}`];
          }),
        ),
    );
    expect(broken).toEqual([]);
  });
});
