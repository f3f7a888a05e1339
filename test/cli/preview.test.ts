import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildContractJson, flatCharge, sumMeter, unitCharge } from "../_support/contract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { asNdjson } from "../_support/usageFiles.js";

const use = (id: string, timestamp: string, v: string) => ({
  id,
  type: "use",
  customer: "cus",
  timestamp,
  properties: { v },
});
let contract = "";
let usage = "";
beforeAll(() => {
  assertCliBuilt();
  const dir = mkdtempSync(join(tmpdir(), "ratecard-preview-"));
  contract = join(dir, "contract.json");
  usage = join(dir, "usage.ndjson");
  const json = buildContractJson({
    meters: [sumMeter("use", { unit: "GB" })],
    charges: [unitCharge("gb", "Bandwidth", "use"), flatCharge("platform", "Platform", "10")],
  });
  writeFileSync(contract, JSON.stringify(json));
  writeFileSync(
    usage,
    asNdjson([
      use("a", "2026-02-03T12:00:00Z", "30"),
      use("b", "2026-02-05T12:00:00Z", "70"),
      use("late", "2026-02-10T12:00:00Z", "50"),
    ]),
  );
});
const preview = (...extra: string[]) =>
  runCli("preview", "--contract", contract, "--usage", usage, "--period", "2026-02", ...extra);

describe("ratecard preview", () => {
  it("prints the preview as JSON: 100.00 + 10.00 so far, 400.00 + 10.00 projected", () => {
    const result = preview("--as-of", "2026-02-08T00:00:00Z", "--format", "json");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const invoice = JSON.parse(result.stdout);
    // 7 of 28 days: 100 GB so far × 28/7 = 400 GB at 1.00; the platform fee is whole already
    expect(invoice.total).toBe("110.00");
    expect(invoice.preview.projection.total).toBe("410.00");
    expect(invoice.usage.excluded).toEqual([{ reason: "after_as_of", events: 1, sampleIds: ["late"] }]);
  });

  it("labels the projection in the text as projected, not billed", () => {
    const result = preview("--as-of", "2026-02-08T00:00:00Z");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Total $110.00.");
    expect(result.stdout).toContain(
      "Projected subtotal $410.00, projected total $410.00 (projected, not billed).",
    );
  });

  it("asks for --as-of, and refuses one outside the period without a stack (exit 2)", () => {
    const missing = preview();
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--as-of");
    const outside = preview("--as-of", "2026-03-05T00:00:00Z");
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain("must lie after the start of the period 2026-02-01/2026-03-01");
    expect(outside.stderr).not.toContain("    at ");
    const unreadable = preview("--as-of", "tomorrow");
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).not.toContain("    at ");
    // named by the flag typed (it said "asOf: …"), with both forms the flag takes
    expect(unreadable.stderr).toBe(
      'ratecard: --as-of must be a local date (2026-02-10, midnight in the contract\'s zone) or an ISO 8601 timestamp with an offset (2026-02-10T14:00:00Z), not "tomorrow".\n',
    );
    const noOffset = preview("--as-of", "2026-02-15T12:00:00");
    expect(noOffset.stderr).toMatch(
      /^ratecard: --as-of: "2026-02-15T12:00:00" is not an ISO 8601 timestamp with an offset/,
    );
  });
});
