import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildContractJson } from "../_support/contract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

beforeAll(assertCliBuilt);

// A specialist who runs `invoice` on a contract with four mistakes fixes all four from one run: the
// first leads (and counts the rest), each other one follows on a line of its own.
describe("the CLI lists every problem of a bad input, not only the first", () => {
  const dir = mkdtempSync(join(tmpdir(), "ratecard-problems-"));

  it("invoice: a contract without three required fields names all three", () => {
    const { id: _id, timeZone: _zone, term: _term, ...rest } = buildContractJson() as Record<string, unknown>;
    const file = join(dir, "three.json");
    writeFileSync(file, JSON.stringify(rest));
    const usage = join(dir, "usage.ndjson");
    writeFileSync(usage, "");
    const result = runCli("invoice", "--contract", file, "--usage", usage, "--period", "2026-02");
    expect(result.code).toBe(2);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe(`ratecard: --contract ${file}: id is required. (and 2 more problems)`);
    expect(lines.slice(1)).toEqual(["- timeZone is required", "- term is required"]);
  });

  it("stops after 20 more and counts the rest", () => {
    // 25 unknown fields: the first leads, 20 follow, and a line counts the 4 left
    const extra = Object.fromEntries(Array.from({ length: 25 }, (_, n) => [`extra${n}`, n]));
    const file = join(dir, "many.json");
    writeFileSync(file, JSON.stringify({ ...buildContractJson(), ...extra }));
    const usage = join(dir, "usage.ndjson");
    writeFileSync(usage, "");
    const invoice = runCli("invoice", "--contract", file, "--usage", usage, "--period", "2026-02");
    expect(invoice.code).toBe(2);
    const lines = invoice.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ratecard: --contract .*extra0 is not a field .*\(and 24 more problems\)$/);
    expect(lines).toHaveLength(1 + 20 + 1);
    expect(lines[20]).toMatch(/^- extra20 is not a field/);
    expect(lines[21]).toBe("- … and 4 more problems");
  });

  it("quote: the other problems name paths in the price, not in the contract ratecard wraps it in", () => {
    const result = runCli("quote", "--price", '{"model":"package","packageSize":"0"}', "--quantity", "1");
    expect(result.code).toBe(2);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "ratecard: price.packageSize is 0; it must be more than zero. (and 1 more problem)",
    );
    expect(lines.slice(1)).toEqual(["- price.packagePrice is required"]);
  });
});
