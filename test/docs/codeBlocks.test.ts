import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkJsonBlock, jsonBlockCheck } from "./jsonBlocks.js";
import { type CodeBlock, docsCodeBlocks } from "./markdownBlocks.js";
import { typeCheckBlocks } from "./typeCheckBlocks.js";

// Every ```json, ```jsonc and ```ts block of README.md and docs/ is checked: JSON parses (and is
// parsed as the contract, contract part or usage event it shows), TypeScript compiles against src/.
// A block that is deliberately partial says so just before it with <!-- not-checked: reason -->; a
// ts snippet that uses names from the text around it declares them in <!-- ts-context: … -->.
// README.md's example is also run, and its printed total checked (readmeExample.test.ts).
const ROOT = join(import.meta.dirname, "..", "..");
const BLOCKS = docsCodeBlocks(ROOT);
const isJson = (block: CodeBlock) => block.lang === "json" || block.lang === "jsonc";
const isTypeScript = (block: CodeBlock) => block.lang === "ts" || block.lang === "typescript";
const name = (block: CodeBlock) => `${block.file}:${block.line}`;
const JSON_BLOCKS = BLOCKS.filter((block) => isJson(block) && block.notChecked === undefined);
const TS_BLOCKS = BLOCKS.filter((block) => isTypeScript(block) && block.notChecked === undefined);
const NOT_CHECKED = BLOCKS.filter((block) => block.notChecked !== undefined);

describe(`code blocks of README.md and docs/ (${JSON_BLOCKS.length} json, ${TS_BLOCKS.length} ts, ${NOT_CHECKED.length} marked not-checked)`, () => {
  it("finds the blocks, and every marker gives its reason or sits before a ts block", () => {
    expect(JSON_BLOCKS.length).toBeGreaterThan(10);
    expect(TS_BLOCKS.length).toBeGreaterThan(3);
    for (const block of NOT_CHECKED) expect(block.notChecked, name(block)).not.toBe("");
    for (const block of BLOCKS.filter((candidate) => candidate.context !== undefined)) {
      expect(isTypeScript(block), `${name(block)}: a ts-context before a ${block.lang} block`).toBe(true);
    }
  });

  it.each(JSON_BLOCKS.map((block) => [name(block), jsonBlockCheck(block), block] as const))(
    "%s is JSON, checked as: %s",
    (_, check, block) => {
      expect(checkJsonBlock(block)).toBe(check);
    },
  );

  it("compiles every ts block against src/ with the project's compiler options", () => {
    const errors = [...typeCheckBlocks(ROOT, TS_BLOCKS).values()].flat();
    expect(errors).toEqual([]);
  }, 180_000);
});
