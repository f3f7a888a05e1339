import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildContractJson } from "../_support/contract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

beforeAll(assertCliBuilt);

describe("ratecard validate: the one-line summary", () => {
  it("counts one charge and one meter in the singular", () => {
    // the default test contract: one charge ("use") of one meter ("m"), USD, UTC
    const file = join(mkdtempSync(join(tmpdir(), "ratecard-validate-")), "one.json");
    writeFileSync(file, JSON.stringify(buildContractJson()));
    const result = runCli("validate", file);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${file}: contract ctr is valid (1 charge, 1 meter, USD, UTC).\n`);
  });
});
