import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aggregateForRating, parseContract, prepareRating } from "../../src/index.js";
import { egressContractJson, egressEvent, filteredEgressMeter } from "../_support/egressContract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// `ratecard invoice --aggregates FILE` (docs/cli.md): usage aggregated elsewhere, rated as
// rateFromAggregates rates it. Egress of region "eu" at $0.05 per GB; aggregates of 100 GB in the EU and
// 50 GB in the US, made under v1 of the contract.
const v1 = egressContractJson("acme", "USD", {
  meters: [filteredEgressMeter()],
});
const v2 = egressContractJson("acme", "USD", {
  meters: [filteredEgressMeter([{ property: "region", op: "in", values: ["eu", "us"] }])],
});
const repriced = {
  ...v1,
  charges: [{ id: "egress", name: "Egress", meter: "egress", price: { model: "unit", unitPrice: "0.07" } }],
};
const dir = mkdtempSync(join(tmpdir(), "ratecard-aggregates-"));
const file = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
};
const aggregates = file(
  "aggregates.json",
  aggregateForRating(prepareRating(parseContract(v1), "2026-02"), [
    egressEvent("e1", "100", "eu"),
    egressEvent("e2", "50", "us"),
  ]),
);
const invoice = (contract: unknown, ...more: string[]) =>
  runCli(
    "invoice",
    "--contract",
    file("contract.json", contract),
    "--aggregates",
    aggregates,
    "--period",
    "2026-02",
    ...more,
  );

beforeAll(assertCliBuilt);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("ratecard invoice --aggregates", () => {
  it("rates the aggregates under the contract they were made for", () => {
    const { code, stdout, stderr } = invoice(v1, "--format", "json");
    expect([code, stderr]).toEqual([0, ""]);
    // 100 GB (EU only) × $0.05 = $5.00.
    expect(JSON.parse(stdout).total).toBe("5.00");
  });

  it("rates them at a new price", () => {
    // 100 GB × $0.07 = $7.00.
    expect(JSON.parse(invoice(repriced, "--format", "json").stdout).total).toBe("7.00");
  });

  it("refuses them, without a stack, when the meter's filter changed since", () => {
    const { code, stdout, stderr } = invoice(v2);
    expect([code, stdout]).toEqual([2, ""]);
    expect(stderr).toContain(`--aggregates ${aggregates} at madeFor.meters[0].digest: `);
    expect(stderr).toContain('The usage aggregates were made for another definition of meter "egress"');
    expect(stderr).toContain("aggregate the usage again with the contract being rated");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses a state edited into one no events give: 100 GB over no event", () => {
    // The aggregates hold e1's 100 GB (e2 is in the US); with `events` edited to 0 the sum of no event
    // would still bill 100 × $0.05 = $5.00. A sum of no events is 0: refused, the file and the field named.
    const made = JSON.parse(readFileSync(aggregates, "utf8"));
    made.whole.meters[0].total.events = 0;
    const edited = file("edited-aggregates.json", made);
    const { code, stdout, stderr } = runCli(
      "invoice",
      "--contract",
      file("contract.json", v1),
      "--aggregates",
      edited,
      "--period",
      "2026-02",
    );
    expect([code, stdout]).toEqual([2, ""]);
    expect(stderr).toContain(`--aggregates ${edited}: whole.meters[0].total.sum is 100 over no event`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses a usage file given too", () => {
    const { code, stderr } = invoice(v1, "--usage", aggregates);
    expect(code).toBe(2);
    expect(stderr).toContain("--aggregates holds the usage already aggregated; leave out --usage");
  });
});
