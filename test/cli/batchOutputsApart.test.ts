import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { egressContractJson } from "../_support/egressContract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// A month-end batch whose --output, --summary or --quarantine names a file it reads: each output is
// renamed over its path when the batch is done, so it replaced the input (January's issued invoices,
// the month's usage) and exited 0. It is refused before anything is read or written (docs/cli.md,
// `ratecard batch`).

let scratch = "";
beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-batch-apart-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// cus_a at $0.05 per GB, UTC: January 100 GB (5.00), February 40 GB (2.00).
const event = (id: string, timestamp: string, gb: string) =>
  `${JSON.stringify({ id, type: "egress", customer: "cus_a", timestamp, properties: { gb } })}\n`;

function writeBatch(name: string) {
  const folder = join(scratch, name);
  mkdirSync(join(folder, "contracts"), { recursive: true });
  const contract = join(folder, "contracts", "cus_a.json");
  writeFileSync(contract, JSON.stringify(egressContractJson("cus_a")));
  const usage = join(folder, "usage.ndjson");
  writeFileSync(
    usage,
    event("j1", "2026-01-10T00:00:00Z", "100") + event("f1", "2026-02-10T00:00:00Z", "40"),
  );
  const january = join(folder, "january.ndjson");
  const first = runCli(
    "batch",
    ...["--contracts", join(folder, "contracts"), "--usage", usage, "--period", "2026-01"],
    ...["--output", january],
  );
  expect(first.code).toBe(0);
  return { folder, contracts: join(folder, "contracts"), contract, usage, january };
}

const february = (contracts: string, usage: string, ...more: string[]) =>
  runCli("batch", "--contracts", contracts, "--usage", usage, "--period", "2026-02", ...more);

describe("ratecard batch writes no output over a file it reads", () => {
  it("keeps last month's invoices when --output names the --carry file", () => {
    const { contracts, usage, january } = writeBatch("carry");
    const before = readFileSync(january, "utf8");
    expect(JSON.parse(before).total).toBe("5.00"); // 100 GB × 0.05
    const result = february(contracts, usage, "--carry", january, "--output", january);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `ratecard: --output ${january} is the file --carry reads: the batch would write over it. Give --output a file of its own; nothing was written.\n`,
    );
    expect(result.stdout).toBe("");
    expect(readFileSync(january, "utf8")).toBe(before);
  });

  it("keeps the usage when --summary names it, and a contract when --quarantine names it", () => {
    const { folder, contracts, contract, usage } = writeBatch("inputs");
    const usageBefore = readFileSync(usage, "utf8");
    const summary = february(contracts, usage, "--summary", usage);
    expect(summary.code).toBe(2);
    expect(summary.stderr).toBe(
      `ratecard: --summary ${usage} is the file --usage reads: the batch would write over it. Give --summary a file of its own; nothing was written.\n`,
    );
    expect(readFileSync(usage, "utf8")).toBe(usageBefore);
    const contractBefore = readFileSync(contract, "utf8");
    const quarantine = february(contracts, usage, "--bad-events", "hold", "--quarantine", contract);
    expect(quarantine.code).toBe(2);
    expect(quarantine.stderr).toContain(`--quarantine ${contract} is the file --contracts reads`);
    expect(readFileSync(contract, "utf8")).toBe(contractBefore);
    // Nothing written beside them either (no temporary file).
    expect(readdirSync(folder).sort()).toEqual(["contracts", "january.ndjson", "usage.ndjson"]);
  });

  it("refuses --summary and --output naming one new file, and writes both apart", () => {
    const { folder, contracts, usage } = writeBatch("both");
    const one = join(folder, "february.ndjson");
    const result = february(contracts, usage, "--output", one, "--summary", one);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `ratecard: --summary ${one} is also --output's file: one would replace the other. Give each its own file; nothing was written.\n`,
    );
    expect(readdirSync(folder)).not.toContain("february.ndjson");
    const apart = february(contracts, usage, "--output", one, "--summary", join(folder, "summary.json"));
    expect(apart.code).toBe(0);
    expect(JSON.parse(readFileSync(one, "utf8")).total).toBe("2.00"); // 40 GB × 0.05
  });
});
