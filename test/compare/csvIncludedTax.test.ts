import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fromCsvInvoice, fromStripeInvoice, reconcile } from "../../src/compare/index.js";
import { parseInvoice } from "../../src/index.js";

// fixtures/currency-eur-vat: 19 % VAT included in the prices. Grundgebühr 49.00 (VAT 49.00 × 19 ÷ 119 =
// 7.823… → 7.82) and 12,345 API calls at 0.0005 = 6.1725 → 6.17 (VAT 0.985… → 0.99): total 55.17, of
// which 8.81 VAT, added to nothing.
const recomputed = parseInvoice(JSON.parse(readFileSync("fixtures/currency-eur-vat/expected.json", "utf8")));
const csv = (taxRow: string) =>
  fromCsvInvoice(`Item,Qty,Amount\nGrundgebühr,1,49.00\nAPI calls,12345,6.17\n${taxRow}\nTotal,,55.17\n`);

describe("a CSV row of the tax its prices include", () => {
  it.each([
    "Incl. VAT 19%,,8.81",
    '"VAT 19% (included)",,8.81',
    "inkl. MwSt. 19%,,8.81",
    "darin enthaltene USt.,,8.81",
    "dont TVA 20 %,,8.81",
    "IVA incluido,,8.81",
  ])("reads %s as tax included in the lines, not a line nor a tax added", (row) => {
    const issued = csv(row);
    expect(issued.lines.map((line) => line.description)).toEqual(["Grundgebühr", "API calls"]);
    expect(issued.tax).toBeUndefined();
    expect(issued.includedTax).toBe("8.81");
    // Before: −8.81 extra_line ("… was issued, but ratecard computes no such line") and +8.81 adjustments.
    const result = reconcile(issued, recomputed);
    expect(result.discrepancies).toEqual([]);
    expect(result.notes).toBeUndefined();
  });

  it("notes an included tax the recomputation does not find, without moving money", () => {
    // 8.80 said included where the recomputation includes 7.82 + 0.99 = 8.81: what the customer pays
    // (55.17) is the same, so no discrepancy, but a note.
    const result = reconcile(csv("VAT 19% (included),,8.80"), recomputed);
    expect(result.discrepancies).toEqual([]);
    expect(result.notes).toEqual([
      "The issued invoice says its prices include 8.80 of tax; the recomputation's include 8.81.",
    ]);
  });

  it("keeps what a Stripe invoice lists as inclusive tax for the same check", () => {
    const issued = fromStripeInvoice({
      object: "invoice",
      currency: "eur",
      total: 5517,
      total_taxes: [{ amount: 880, tax_behavior: "inclusive" }],
      lines: {
        data: [
          { description: "Grundgebühr", amount: 4900 },
          { description: "API calls", amount: 617 },
        ],
      },
    });
    expect(issued.includedTax).toBe("8.80");
    expect(reconcile(issued, recomputed).notes).toEqual([
      "The issued invoice says its prices include 8.80 of tax; the recomputation's include 8.81.",
    ]);
  });
});
