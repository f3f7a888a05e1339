import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { egressContractJson } from "../_support/egressContract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// A month-end batch that fails part-way (a contract that cannot be rated, found only when its turn
// comes): a billing run is issued whole or fixed and run again (docs/cli.md, `ratecard batch`), so the
// --output file must not be left holding the invoices rated before the failure.

let scratch = "";
beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-batch-failure-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// $0.05 per GB, UTC, monthly; cus_c's contract holds a credit grant that started in December, before
// February's period, with no balance carried in: rating it fails (missing_credit_balance), exit 2.
const contractJson = (customer: string) =>
  egressContractJson(customer, "USD", {
    term: { start: "2025-11-01" },
    ...(customer === "cus_c"
      ? {
          credits: [
            {
              id: "g1",
              name: "Grant",
              kind: "promotional",
              amount: "10",
              priority: 1,
              effective: "2025-12-01",
            },
          ],
        }
      : {}),
  });

const usageLine = (id: string, customer: string) =>
  `${JSON.stringify({ id, type: "egress", customer, timestamp: "2026-02-10T00:00:00Z", properties: { gb: "100" } })}\n`;

function writeBatch(name: string): { folder: string; usage: string } {
  const folder = join(scratch, name);
  mkdirSync(folder, { recursive: true });
  for (const customer of ["cus_a", "cus_b", "cus_c"])
    writeFileSync(join(folder, `${customer}.json`), JSON.stringify(contractJson(customer)));
  const usage = join(scratch, `${name}.ndjson`);
  writeFileSync(usage, usageLine("e1", "cus_a") + usageLine("e2", "cus_b") + usageLine("e3", "cus_c"));
  return { folder, usage };
}

describe("ratecard batch that fails part-way", () => {
  it.each(["1", "2"])(
    "leaves no --output file (and keeps an existing one) when a contract cannot be rated, --workers %s",
    (workers) => {
      const { folder, usage } = writeBatch(`fails-${workers}`);
      const out = join(scratch, `out-${workers}`);
      mkdirSync(out);
      const fresh = join(out, "invoices.ndjson");
      const result = runCli(
        "batch",
        ...["--contracts", folder, "--usage", usage, "--period", "2026-02", "--workers", workers],
        ...["--output", fresh, "--summary", join(out, "summary.json")],
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("cus_c.json");
      expect(result.stderr).not.toContain("    at ");
      // cus_a and cus_b rate before cus_c fails: neither may be left behind, nor a temporary file.
      expect(existsSync(fresh)).toBe(false);
      expect(readdirSync(out)).toEqual([]);

      const kept = join(out, "january.ndjson");
      writeFileSync(kept, "last month's invoices\n");
      const again = runCli(
        "batch",
        ...["--contracts", folder, "--usage", usage, "--period", "2026-02", "--workers", workers],
        ...["--output", kept],
      );
      expect(again.code).toBe(2);
      expect(readFileSync(kept, "utf8")).toBe("last month's invoices\n");
      expect(readdirSync(out)).toEqual(["january.ndjson"]);
    },
  );

  it("still writes the whole --output file when every contract rates", () => {
    const { folder, usage } = writeBatch("whole");
    writeFileSync(
      join(folder, "cus_c.json"),
      JSON.stringify({ ...contractJson("cus_c"), credits: undefined }),
    );
    const out = join(scratch, "whole-out");
    mkdirSync(out);
    const file = join(out, "invoices.ndjson");
    const result = runCli(
      "batch",
      ...["--contracts", folder, "--usage", usage, "--period", "2026-02", "--output", file],
    );
    expect(result.code).toBe(0);
    // 100 GB × $0.05 = $5.00 for each of the three customers
    const totals = readFileSync(file, "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => (JSON.parse(line) as { total: string }).total);
    expect(totals).toEqual(["5.00", "5.00", "5.00"]);
    expect(readdirSync(out)).toEqual(["invoices.ndjson"]);
  });

  it("refuses a --summary path it cannot write before rating, naming --summary", () => {
    const { folder, usage } = writeBatch("summary-missing");
    writeFileSync(
      join(folder, "cus_c.json"),
      JSON.stringify({ ...contractJson("cus_c"), credits: undefined }),
    );
    const summary = join(scratch, "no-such-folder", "summary.json");
    const result = runCli(
      "batch",
      ...["--contracts", folder, "--usage", usage, "--period", "2026-02", "--summary", summary],
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `ratecard: --summary ${summary}: its folder does not exist; nothing was written.\n`,
    );
    // Nothing rated: no invoice streamed to standard output before the refusal, no summary printed.
    expect(result.stdout).toBe("");
  });

  it("refuses a --quarantine path it cannot write before rating, leaving no --output file", () => {
    const { folder, usage } = writeBatch("quarantine-missing");
    writeFileSync(
      join(folder, "cus_c.json"),
      JSON.stringify({ ...contractJson("cus_c"), credits: undefined }),
    );
    const out = join(scratch, "quarantine-out");
    mkdirSync(out);
    const quarantine = join(scratch, "no-such-folder", "bad.ndjson");
    const result = runCli(
      "batch",
      ...["--contracts", folder, "--usage", usage, "--period", "2026-02", "--bad-events", "hold"],
      ...["--output", join(out, "invoices.ndjson"), "--quarantine", quarantine],
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `ratecard: --quarantine ${quarantine}: its folder does not exist; nothing was written.\n`,
    );
    // The invoices' temporary file, opened first, is removed with the refusal.
    expect(readdirSync(out)).toEqual([]);
  });

  it.each(["1", "2"])(
    "blames the --usage file, not the contract, for a meter total too large to price, --workers %s",
    (workers) => {
      // Three events of 900,000,000,000,000 GB: 3 × 9 × 10^14 = 2.7 × 10^15 GB, above the 10^15 a priced
      // quantity must stay under. The contract is fine; the usage is what to check.
      const folder = join(scratch, `huge-${workers}`);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, "cus_a.json"), JSON.stringify(egressContractJson("cus_a")));
      const usage = join(scratch, `huge-${workers}.ndjson`);
      const huge = (id: string) =>
        `${JSON.stringify({ id, type: "egress", customer: "cus_a", timestamp: "2026-02-10T00:00:00Z", properties: { gb: "900000000000000" } })}\n`;
      writeFileSync(usage, huge("h1") + huge("h2") + huge("h3"));
      const result = runCli(
        "batch",
        ...["--contracts", folder, "--usage", usage, "--period", "2026-02", "--workers", workers],
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `ratecard: --usage ${usage}, for the contract of --contracts ${join(folder, "cus_a.json")}: `,
      );
      expect(result.stderr).toContain("would price 2700000000000000 units");
      expect(result.stderr).not.toContain("    at ");
    },
  );
});
