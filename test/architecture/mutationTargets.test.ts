import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { TARGETS } from "../../scripts/mutation.mjs";

// src/invoice is measured in chunks (scripts/mutation.mjs, docs/testing-mutation.md): a file no chunk
// names is never mutated, and a file two chunks name is counted twice in the folder's score. A new file
// of src/invoice therefore fails this test until a chunk lists it.
function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith(".ts") ? [relative(".", path)] : [];
  });
}

describe("mutation-testing targets", () => {
  it("name every file of src/invoice in exactly one chunk", () => {
    const chunks = Object.entries(TARGETS).filter(([name]) => name.startsWith("invoice-"));
    const named = chunks.flatMap(([, target]) => target.mutate);
    const files = typeScriptFiles("src/invoice").sort();
    expect([...named].sort()).toEqual(files);
    expect(new Set(named).size).toBe(named.length);
  });

  it("give every folder of the core's money path a target of its own", () => {
    for (const folder of ["money", "pricing", "meters", "rating", "invoice"]) {
      expect(TARGETS[folder]?.mutate[0]).toBe(`src/${folder}/**/*.ts`);
    }
  });
});
