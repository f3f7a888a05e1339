import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { egressContractJson } from "../_support/egressContract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// The month-end runbook (docs/scale.md, step 5): `ratecard export` over the invoices `ratecard batch`
// wrote, which are NDJSON (one invoice a line) or, with --format json, one { invoices, summary }
// document. Both must export as the same invoices given one file each.

let scratch = "";
let lines = "";
beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-export-batch-"));
  const folder = join(scratch, "contracts");
  mkdirSync(folder);
  for (const [customer, currency] of [
    ["cus_a", "USD"],
    ["cus_b", "EUR"],
  ] as const)
    writeFileSync(join(folder, `${customer}.json`), JSON.stringify(egressContractJson(customer, currency)));
  const usage = join(scratch, "usage.ndjson");
  writeFileSync(
    usage,
    ["cus_a", "cus_b"]
      .map(
        (customer, i) =>
          `${JSON.stringify({ id: `e${i}`, type: "egress", customer, timestamp: "2026-02-10T00:00:00Z", properties: { gb: String(100 * (i + 1)) } })}\n`,
      )
      .join(""),
  );
  const batch = ["batch", "--contracts", folder, "--usage", usage, "--period", "2026-02"];
  lines = join(scratch, "invoices.ndjson");
  expect(runCli(...batch, "--output", lines).code).toBe(0);
  expect(runCli(...batch, "--format", "json", "--output", join(scratch, "invoices.json")).code).toBe(0);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Row = { InvoiceId: string; BilledCost: string; BillingCurrency: string };
const exported = (...files: string[]) => runCli("export", "--provider", "Acme", "--format", "json", ...files);

describe("ratecard export over a batch's output", () => {
  it("reads the NDJSON of invoices, one invoice a line, as the invoices one file each", () => {
    const result = exported(lines);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    // cus_a 100 GB × $0.05 = $5.00; cus_b 200 GB × €0.05 = €10.00
    const rows = JSON.parse(result.stdout) as Row[];
    expect(rows.map((row) => [row.InvoiceId, row.BillingCurrency, row.BilledCost])).toEqual([
      ["ctr_cus_a:2026-02-01", "USD", "5.00"],
      ["ctr_cus_b:2026-02-01", "EUR", "10.00"],
    ]);
  });

  it("reads batch --format json's { invoices, summary } document alike", () => {
    const result = exported(join(scratch, "invoices.json"));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(exported(lines).stdout);
  });

  it("names the line of an NDJSON invoice that is not one, exit 2", () => {
    // Line 1 an invoice, line 2 blank, line 3 not an invoice.
    const broken = join(scratch, "broken.ndjson");
    writeFileSync(broken, `${readFileSync(lines, "utf8").split("\n")[0]}\n\n{"schemaVersion":1}\n`);
    const result = exported(broken);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("broken.ndjson line 3");
    expect(result.stderr).not.toContain("    at ");
  });
});
