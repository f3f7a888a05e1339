import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { invoiceJsonSchema } from "../../src/invoice/index.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// `ratecard schema --invoice` and `ratecard --version`, run on the built CLI as a user would.
const ROOT = join(import.meta.dirname, "..", "..");
const ratecard = runCli;

beforeAll(assertCliBuilt);

describe("ratecard schema --invoice", () => {
  it("prints the invoice's JSON Schema, the one shipped as dist/invoice.schema.json", () => {
    const result = ratecard("schema", "--invoice");
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(JSON.parse(result.stdout)).toEqual(invoiceJsonSchema());
    expect(readFileSync(join(ROOT, "dist", "invoice.schema.json"), "utf8")).toBe(result.stdout);
  });

  it("still prints the contract's JSON Schema without the flag", () => {
    const result = ratecard("schema");
    expect(JSON.parse(result.stdout).$id).toBe("https://ratecard.dev/schema/contract-v1.json");
    expect(readFileSync(join(ROOT, "dist", "contract.schema.json"), "utf8")).toBe(result.stdout);
  });

  it("prints the schema of a fixture's expected-figures.json with --figures, and refuses two schemas", () => {
    const result = ratecard("schema", "--figures");
    const schema = JSON.parse(result.stdout);
    expect(schema.$id).toBe("https://ratecard.dev/schema/expected-figures-v1.json");
    // the lines and the total are what a file of figures cannot leave out; nothing else is taken
    expect(schema.required).toEqual(["lines", "total"]);
    expect(schema.additionalProperties).toBe(false);
    expect(readFileSync(join(ROOT, "dist", "expected-figures.schema.json"), "utf8")).toBe(result.stdout);
    const both = ratecard("schema", "--figures", "--invoice");
    expect([both.code, both.stderr]).toEqual([
      2,
      "ratecard: --invoice and --figures ask for two schemas: give one of them\n",
    ]);
  });
});

describe("ratecard --version", () => {
  it("prints the package's version and nothing else", () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(ratecard("--version")).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });
});
