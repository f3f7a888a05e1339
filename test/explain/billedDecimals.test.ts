import { describe, expect, it } from "vitest";
import { explain, explainText } from "../../src/explain/index.js";
import { rateInvoice } from "../../src/index.js";
import { previewInvoice } from "../../src/invoice/index.js";
import { buildContract, sumMeter, usageEvent } from "../_support/contract.js";

// With lines finer than the currency (rounding.lineDecimals), an amount billed reads in the currency's
// decimals, keeping any further digit it has: the waterfall's total $0.44, not $0.440. A line's figure
// reads in the line decimals wherever it stands, as its "Line total" does: a preview's fee so far and
// projected $0.150, as its line above says (docs/preview.md).
const contract = buildContract({
  meters: [sumMeter("gb", { unit: "GB" })],
  charges: [
    { id: "bw", name: "Bandwidth", meter: "gb", price: { model: "unit", unitPrice: "0.144" } },
    { id: "fee", name: "Fee", price: { model: "flat", amount: "0.15" } },
  ],
  rounding: { lineDecimals: 3 } as never,
});
const usage = [
  usageEvent("a", "gb", "2026-03-05T00:00:00Z", { v: "1" }),
  usageEvent("b", "gb", "2026-03-15T00:00:00Z", { v: "1" }),
];

describe("billed amounts of lines finer than the currency", () => {
  it("reads the waterfall's total in cents, in Markdown and HTML", () => {
    // 2 GB × 0.144 = 0.288 and the fee 0.150: subtotal 0.438, rounded to cents 0.44 (+0.002).
    const invoice = rateInvoice(contract, usage, "2026-03");
    const markdown = explain(invoice, { format: "markdown" });
    expect(markdown).toContain("| **Subtotal** | | **$0.438** |");
    expect(markdown).toContain("| Rounding to 2 decimals | $0.002 | $0.44 |");
    expect(markdown).toContain("| **Total** | | **$0.44** |");
    const html = explain(invoice, { format: "html" });
    expect(html).toContain(
      '<tr class="wf-total"><td>Total</td><td class="num"></td><td class="num">$0.44</td></tr>',
    );
    expect(html).not.toContain("$0.440");
  });

  it("reads a preview's projection of each line in the line decimals, as the line's own total reads", () => {
    // As of 10 March (9 of 31 days, 777,600 of 2,678,400 s): 1 GB so far, 0.144; projected 1 × 2,678,400
    // ÷ 777,600 = 3.444444 GB × 0.144 = 0.49599… → 0.496. The fee is whole already: 0.150 and 0.150,
    // the figure its line reads ("Line total $0.150"), not "$0.15 so far" beside it.
    // Projected subtotal 0.496 + 0.150 = 0.646, total 0.65.
    const text = explainText(previewInvoice(contract, usage, "2026-03", "2026-03-10"));
    expect(text).toContain("Fee: Flat fee $0.150. Line total $0.150.");
    expect(text).toContain("- Bandwidth (bw): $0.144 so far, $0.496 projected for 3.444444 (linear).");
    expect(text).toContain("- Fee (fee): $0.150 so far, $0.150 projected for 1 (not metered).");
    expect(text).toContain("Projected subtotal $0.646, projected total $0.65 (projected, not billed).");
  });

  it("says the lines are kept finer than the currency and the total is rounded to it", () => {
    // Lines to 3 decimals in USD (2): 0.288 + 0.150 = 0.438, the total 0.44.
    const text = explainText(rateInvoice(contract, usage, "2026-03"));
    expect(text).toContain(
      "Currency: USD. Each line is rounded once, half-even, to 3 decimals; the total is rounded to the currency's 2.",
    );
    expect(text).toContain("Fee: Flat fee $0.150. Line total $0.150.");
    expect(text).toContain("Total $0.44.");
  });
});
