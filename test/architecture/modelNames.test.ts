import ts from "typescript";
import { describe, expect, it } from "vitest";
import { PRICE_MODELS } from "../../src/pricing/index.js";
import { sourceFiles } from "./sourceFiles.js";

// Shared code never names a price model (docs/architecture.md, "A price model"): it asks the model for its
// facts. A model's name may be written only in its own folder and in the registry that lists it. The scan
// reads string literals as the compiler sees them (in code and in types, not in comments or inside longer
// words), so "unit" in a comment or `unitPrice` never counts, while `model === "flat"` or `"flat" | …` does.
const NAMES: ReadonlySet<string> = new Set(Object.keys(PRICE_MODELS));

function literalsOf(path: string, text: string): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

// The same word meaning something else, file by file (a stale entry fails the test below too).
const SAME_WORD: ReadonlyArray<{ readonly path: string; readonly word: string; readonly means: string }> = [
  {
    path: "contracts/terms/credits/checks.ts",
    word: "unit",
    means: "the grant's `unit` field, in an error path",
  },
  {
    path: "contracts/terms/credits/schema.ts",
    word: "unit",
    means: "the grant's `unit` field, in an error path",
  },
  { path: "invoice/creditNoteUnits.ts", word: "unit", means: 'the noun after a quantity of one ("1 unit")' },
  { path: "pricing/models/graduated_percentage/index.ts", word: "percentage", means: "its lines' priceKind" },
  { path: "pricing/models/tiered_package/explain.ts", word: "package", means: "the noun in its sentence" },
  { path: "pricing/models/tiered_package/rate.ts", word: "graduated", means: "its own `mode` value" },
  { path: "pricing/models/tiered_package/rate.ts", word: "volume", means: "its own `mode` value" },
  { path: "pricing/models/tiered_package/steps.ts", word: "graduated", means: "its own `mode` value" },
  { path: "pricing/models/tiered_package/steps.ts", word: "volume", means: "its own `mode` value" },
  { path: "pricing/models/tiered_package/terms.ts", word: "graduated", means: "its own `mode` value" },
  { path: "pricing/models/tiered_package/terms.ts", word: "volume", means: "its own `mode` value" },
];

function mayName(path: string, name: string): boolean {
  return (
    path === "pricing/registry.ts" ||
    path.startsWith(`pricing/models/${name}/`) ||
    SAME_WORD.some((entry) => entry.path === path && entry.word === name)
  );
}

describe("price model names", () => {
  const files = sourceFiles();

  it("reads every model's name from the registry", () => {
    expect([...NAMES]).toEqual(expect.arrayContaining(["unit", "graduated", "matrix", "grouped"]));
  });

  it("writes no model's name as a string outside its own folder and the registry", () => {
    const offenders = files.flatMap(({ path, text }) =>
      literalsOf(path, text)
        .filter((literal) => NAMES.has(literal) && !mayName(path, literal))
        .map((literal) => `${path}: "${literal}"`),
    );
    expect(offenders).toEqual([]);
  });

  it("lists no other meaning of a name that is no longer written", () => {
    const stale = SAME_WORD.filter(
      ({ path, word }) =>
        !literalsOf(path, files.find((file) => file.path === path)?.text ?? "").includes(word),
    );
    expect(stale).toEqual([]);
  });

  it("would catch a model's name in shared code", () => {
    // The scan itself, on a line shared code must never hold:
    expect(
      literalsOf("x.ts", 'if (price.model === "flat") return; // "unit" in a comment').filter((l) =>
        NAMES.has(l),
      ),
    ).toEqual(["flat"]);
  });
});
