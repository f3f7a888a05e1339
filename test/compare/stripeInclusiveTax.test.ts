import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fromStripeInvoice, reconcile } from "../../src/compare/index.js";
import { parseInvoice } from "../../src/index.js";

// fixtures/currency-eur-vat: 19 % VAT included in the prices. Grundgebühr 49.00 and 12,345 API calls at
// 0.0005 = 6.1725 → 6.17; total 55.17, of which VAT 49.00 × 19 ÷ 119 = 7.823… → 7.82 and 6.17 × 19 ÷ 119
// = 0.985… → 0.99 (per line), 8.81 in all, inside the lines, added to nothing.
const recomputed = parseInvoice(JSON.parse(readFileSync("fixtures/currency-eur-vat/expected.json", "utf8")));

// The same invoice as Stripe issues it with tax-inclusive prices: the lines' amounts hold the tax, the
// total is their sum, and the tax is listed with `tax_behavior: "inclusive"` (newer API versions'
// `total_taxes`) or `inclusive: true` (older versions' `tax`, "the sum of all the tax amounts", beside
// `total_tax_amounts`).
const lines = {
  object: "list",
  has_more: false,
  data: [
    { description: "Grundgebühr", amount: 4900, quantity: 1, metadata: { ratecard_line: "base_fee" } },
    { description: "API calls", amount: 617, quantity: 12345, metadata: { ratecard_line: "api_calls" } },
  ],
};
const stripe = { object: "invoice", currency: "eur", subtotal: 5517, total: 5517, amount_due: 5517, lines };

describe("a Stripe invoice whose tax is included in its prices", () => {
  it("reads no tax added to the lines from total_taxes of inclusive behavior", () => {
    const issued = fromStripeInvoice({
      ...stripe,
      total_taxes: [
        { amount: 782, tax_behavior: "inclusive", taxable_amount: 4118, type: "tax_rate_details" },
        { amount: 99, tax_behavior: "inclusive", taxable_amount: 518, type: "tax_rate_details" },
      ],
    });
    // Added to the lines: nothing; the total 55.17 is the lines' 49.00 + 6.17.
    expect(issued.tax).toBe("0.00");
    // Before: "Tax: issued 8.81, recomputed 0.00" (−8.81) and a discount of −8.81 nobody gave (+8.81).
    expect(reconcile(issued, recomputed).discrepancies).toEqual([]);
  });

  it("takes inclusive amounts out of an older version's tax, and keeps exclusive ones", () => {
    const older = fromStripeInvoice({
      ...stripe,
      tax: 881,
      total_tax_amounts: [
        { amount: 782, inclusive: true },
        { amount: 99, inclusive: true },
      ],
    });
    expect(older.tax).toBe("0.00");
    expect(reconcile(older, recomputed).discrepancies).toEqual([]);
    // An exclusive tax of 1.00 beside them is added to the lines: 881 + 100 − 881 = 100 cents.
    const mixed = fromStripeInvoice({
      ...stripe,
      total_taxes: [
        { amount: 881, tax_behavior: "inclusive" },
        { amount: 100, tax_behavior: "exclusive" },
      ],
    });
    expect(mixed.tax).toBe("1.00");
  });
});
