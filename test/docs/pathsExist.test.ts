import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

// The pages a reader follows: README.md and every page of docs/ (not the generated API reference).
function pages(): string[] {
  const found = ["README.md"];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() && path !== "docs/api") walk(path);
      else if (entry.name.endsWith(".md")) found.push(path);
    }
  };
  walk("docs");
  return found.sort();
}

// `src/…`, `test/…` and `docs/…` paths as a page writes them. A placeholder (`<name>`, `*`, `…`) is a
// pattern, not a file, and is left out; so is a path in another repository, cited after its name in the
// same paragraph (`orbcorp/orb-python` `src/orb/types/shared/price.py`).
const PATH = /(?<![\w./-])(?:src|test|docs)\/[\w./-]*[\w/]/g;
const OTHER_REPOSITORY = /`(?!src\/|test\/|docs\/)[\w.-]+\/[\w.-]+`/;

function pathsIn(text: string): string[] {
  return [...text.matchAll(PATH)]
    .filter((match) => !/[<*…]/.test(text[match.index + match[0].length] ?? ""))
    .filter(
      (match) => !OTHER_REPOSITORY.test(text.slice(text.lastIndexOf("\n\n", match.index) + 1, match.index)),
    )
    .map((match) => match[0].replace(/\/$/, ""));
}

describe("paths the docs mention", () => {
  it("reads README.md and the pages of docs/", () => {
    expect(pages()).toEqual(expect.arrayContaining(["README.md", "docs/architecture.md", "docs/testing.md"]));
  });

  it("finds the paths written in a sentence, leaving placeholders out", () => {
    expect(pathsIn("see `src/money/decimal.ts`, src/pricing/models/<name>/ and test/**/x.")).toEqual([
      "src/money/decimal.ts",
    ]);
    expect(
      pathsIn("Orb SDK, `orbcorp/orb-python` `src/orb/types/shared/price.py`.\n\nSee docs/meters.md"),
    ).toEqual(["docs/meters.md"]);
  });

  it("mentions only src/, test/ and docs/ paths that exist", () => {
    const missing = pages().flatMap((page) =>
      pathsIn(readFileSync(join(ROOT, page), "utf8"))
        .filter((path) => !existsSync(join(ROOT, path)))
        .map((path) => `${page}: ${path}`),
    );
    expect([...new Set(missing)]).toEqual([]);
  });
});
