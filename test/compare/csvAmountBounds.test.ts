import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromCsvInvoice } from "../../src/compare/index.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { thrown } from "../_support/thrown.js";

// An amount of an issued CSV is a money amount, and every money amount ratecard reads has its bounds
// (docs/decisions/numeric-bounds.md): less than 10^15 in size, at most 12 decimals. Beyond them no
// invoice ratecard issues can state it and the arithmetic is no longer exact (10^47 − 30 needs 48 of
// its 50 digits), so the cell is refused at its row and column, as a cell that is no number is.
// Before: `Total,,10^47` was reconciled as an "adjustments" discrepancy of −99999…970.00.
const TEN_TO_47 = `1${"0".repeat(47)}`;
const csv = (total: string, line = "30.00") =>
  `Description,Quantity,Amount\nBandwidth,30,${line}\nTotal,,${total}\n`;

describe("an issued CSV's amount beyond a money amount's bounds", () => {
  it("is refused at its row and column, naming the bound", () => {
    expect(thrown(() => fromCsvInvoice(csv(TEN_TO_47), undefined, { currency: "USD" }))).toMatchObject({
      code: "decimal_out_of_range",
      path: "[2].amount",
      message: `Row 3 of the CSV has "${TEN_TO_47}" in column Amount, which is 1e+47 (too large); a money amount must be less than 10^15 in size, with at most 12 decimals: no invoice states such an amount, so it is refused rather than reconciled.`,
    });
    // a line's amount alike, and 13 decimals
    expect(thrown(() => fromCsvInvoice(csv("30.00", TEN_TO_47)))).toMatchObject({ path: "[1].amount" });
    expect(thrown(() => fromCsvInvoice(csv("30.00", "30.0000000000001")))).toMatchObject({
      code: "decimal_out_of_range",
      message: expect.stringContaining("(13 decimals)"),
    });
  });

  it("reads the largest amount within them, 10^15 − 0.01, and a negative one", () => {
    expect(fromCsvInvoice(csv("999999999999999.99", "-999999999999999.99")).total).toBe("999999999999999.99");
  });

  it("exits 2 from ratecard reconcile with the sentence, not 3 with an adjustments discrepancy", () => {
    assertCliBuilt();
    const dir = join(import.meta.dirname, "..", "..", "test-output");
    const issued = join(dir, "reconcile-absurd-total.csv");
    writeFileSync(issued, csv(TEN_TO_47, "3656.00"));
    const fixture = join(import.meta.dirname, "..", "..", "fixtures", "cdn-basic");
    const result = runCli("reconcile", "--issued", issued, "--recomputed", join(fixture, "expected.json"));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      `Row 3 of the CSV has "${TEN_TO_47}" in column Amount, which is 1e+47 (too large)`,
    );
  });
});
