import { describe, expect, it } from "vitest";
import { runCli } from "../_support/runCli.js";
import { scratchFolder } from "../_support/scratchFolder.js";

// As a specialist would see it: an average of 1, 0 and 0 GB at $0.03 a GB, rounded down, is
// 1 × 0.03 ÷ 3 = $0.01 (not 0.333…3 × 0.03 = 0.0099…9, $0.00), with either engine aggregating the
// file, and the explanation says the quantity exactly (docs/meters.md, "Quotients").
const contract = {
  schemaVersion: 1,
  id: "ctr_gauge",
  customer: { id: "cus", name: "Gauge Co" },
  currency: "USD",
  timeZone: "UTC",
  billing: { cadence: "monthly" },
  term: { start: "2026-01-01" },
  rounding: { mode: "down" },
  meters: [{ id: "gauge", eventType: "g", aggregation: "avg", valueProperty: "v", unit: "GB" }],
  charges: [{ id: "c", name: "Average disk", meter: "gauge", price: { model: "unit", unitPrice: "0.03" } }],
};
const usage = ["1", "0", "0"]
  .map((v, at) =>
    JSON.stringify({
      id: `e${at}`,
      type: "g",
      customer: "cus",
      timestamp: `2026-02-0${at + 2}T00:00:00Z`,
      properties: { v },
    }),
  )
  .join("\n");

describe("ratecard invoice on an average that does not end", () => {
  const scratch = scratchFolder("ratecard-fraction-");

  it.each(["memory", "duckdb"])("bills $0.01 and says 'exactly 1 ÷ 3' with --engine %s", (engine) => {
    const contractFile = scratch.file("contract.json", JSON.stringify(contract));
    const usageFile = scratch.file("usage.ndjson", `${usage}\n`);
    const run = runCli(
      "invoice",
      "--contract",
      contractFile,
      "--usage",
      usageFile,
      "--period",
      "2026-02",
      "--engine",
      engine,
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("GB from 3 events (exactly 1 ÷ 3).");
    expect(run.stdout).toContain("= $0.01. Line total $0.01.");
    expect(run.stdout).toContain("Total $0.01.");
  });
});
