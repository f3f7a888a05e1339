import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import { importsOf, sourceFiles } from "./sourceFiles.js";

// The module order of docs/decisions/layering.md: a folder imports only from folders before it.
const LAYERS = [
  "errors",
  "money",
  "time",
  "schema",
  "meters",
  "pricing",
  "contracts",
  "rating",
  "invoice",
  "sql",
  "explain",
  "compare",
  "check",
  "whatif",
  "export",
  "cli",
];
// src/index.ts (the public surface) sits just before cli: it may import every core folder.
const rank = (folder: string) =>
  folder === "index.ts" ? LAYERS.indexOf("cli") - 0.5 : LAYERS.indexOf(folder);

function folderOf(path: string): string {
  return path.includes("/") ? (path.split("/")[0] ?? "") : path;
}

describe("module layering", () => {
  const files = sourceFiles();

  it("knows the folder of every source file", () => {
    for (const { path } of files) expect(rank(folderOf(path)), path).toBeGreaterThanOrEqual(0);
  });

  it("imports only downward", () => {
    const upward: string[] = [];
    for (const { path, text } of files) {
      for (const specifier of importsOf(text)) {
        if (!specifier.startsWith(".")) continue;
        const target = posix.normalize(posix.join(posix.dirname(path), specifier));
        if (rank(folderOf(target)) > rank(folderOf(path))) upward.push(`${path} → ${specifier}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("reaches other folders only through their index", () => {
    const internal: string[] = [];
    for (const { path, text } of files) {
      for (const specifier of importsOf(text)) {
        if (!specifier.startsWith(".")) continue;
        const target = posix.normalize(posix.join(posix.dirname(path), specifier));
        // The CLI reads its version from the package's package.json (inlined by the build); nothing
        // else reaches outside src/.
        if (target === "../package.json" && folderOf(path) === "cli") continue;
        const crossesFolder = folderOf(target) !== folderOf(path);
        const isIndex = /^[a-z]+\/index\.js$/.test(target) || target === "index.js";
        if (crossesFolder && !isIndex) internal.push(`${path} → ${specifier}`);
      }
    }
    expect(internal).toEqual([]);
  });
});
