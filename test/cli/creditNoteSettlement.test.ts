import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

let corrections = "";
beforeAll(() => {
  assertCliBuilt();
  corrections = join(mkdtempSync(join(tmpdir(), "ratecard-settle-")), "void.json");
  writeFileSync(corrections, JSON.stringify([{ kind: "invoice", reason: "void" }]));
});

const creditWhole = (fixture: string) =>
  runCli(
    "credit-note",
    "--contract",
    join("fixtures", fixture, "contract.json"),
    "--invoice",
    join("fixtures", fixture, "expected.json"),
    "--corrections",
    corrections,
  );

describe("ratecard credit-note: what goes back as money and what to credit grants", () => {
  it("says golden-rich's 778.27 is 578.27 of money, 200.00 back to the wallet, 25.00 back to the SLA credit", () => {
    const result = creditWhole("golden-rich");
    expect(result.code).toBe(0);
    // 654.00 of nets + 124.27 VAT = 778.27; the wallet paid 200.00 of it after tax: 778.27 − 200.00 = 578.27
    expect(result.stdout).toContain(
      "Of the 778.27 EUR credited: 578.27 EUR as money (refunded, or taken off what is due), 200.00 EUR back to Prepaid wallet (wallet); beside it, the credit taken before tax goes back: 25.00 EUR back to SLA credit (February outage) (sla_march).",
    );
  });

  it("takes saas-seats' credit line back with the whole invoice: 1,454.63 credited, what it billed", () => {
    const result = creditWhole("saas-seats");
    expect(result.code).toBe(0);
    // 50.00 + 904.63 − 40.00 + 60.00 + 180.00 + 300.00 = 1,454.63
    expect(result.stdout).toContain(
      "- Seats (seats:unused@2026-04-21): its credit of -40.00 USD is taken back.",
    );
    expect(result.stdout).toContain("Total credited 1454.63 USD.");
    expect(result.stdout).not.toContain("Of the");
  });
});
