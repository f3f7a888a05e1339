import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromEarlierRatecardInvoice } from "../../src/compare/index.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { thrown } from "../_support/thrown.js";

// An invoice an earlier ratecard issued carries no digest, so nothing but its figures' bounds keeps an
// absurd one out: its line amounts, tax and total are money amounts (docs/decisions/numeric-bounds.md,
// less than 10^15, at most 12 decimals), refused at their JSON path as csvAmountBounds.test.ts refuses a
// CSV's. Before: a total of 10^47 was an "adjustments" discrepancy of −99999…92336.22 against cdn-basic.
const TEN_TO_47 = `1${"0".repeat(47)}.00`;
const earlier = () => {
  const invoice = JSON.parse(
    readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "cdn-basic", "expected.json"), "utf8"),
  );
  delete invoice.digest;
  delete invoice.contractDigest;
  for (const line of invoice.lines) delete line.priceKind;
  return invoice;
};

describe("an earlier ratecard invoice's amount beyond a money amount's bounds", () => {
  it("is refused at its JSON path, naming the bound", () => {
    const invoice = earlier();
    expect(fromEarlierRatecardInvoice(invoice).total).toBe("7663.78");
    invoice.total = TEN_TO_47;
    expect(thrown(() => fromEarlierRatecardInvoice(invoice))).toMatchObject({
      code: "decimal_out_of_range",
      path: "total",
      message: expect.stringContaining(
        "is 1e+47 (too large); a money amount must be less than 10^15 in size, with at most 12 decimals",
      ),
    });
    const line = earlier();
    line.lines[1].amount = `-${TEN_TO_47}`;
    expect(thrown(() => fromEarlierRatecardInvoice(line))).toMatchObject({ path: "lines[1].amount" });
  });

  it("exits 2 from ratecard reconcile with that sentence, not 'not a ratecard invoice'", () => {
    assertCliBuilt();
    const invoice = earlier();
    invoice.total = TEN_TO_47;
    const issued = join(
      import.meta.dirname,
      "..",
      "..",
      "test-output",
      "reconcile-earlier-absurd-total.json",
    );
    writeFileSync(issued, JSON.stringify(invoice));
    const recomputed = join(import.meta.dirname, "..", "..", "fixtures", "cdn-basic", "expected.json");
    const result = runCli("reconcile", "--issued", issued, "--recomputed", recomputed);
    expect([result.code, result.stdout]).toEqual([2, ""]);
    expect(result.stderr).toBe(
      `ratecard: --issued ${issued}: total is 1e+47 (too large); a money amount must be less than 10^15 in size, with at most 12 decimals.\n`,
    );
  });
});
