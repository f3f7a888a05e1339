import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/index.js";
import { previewInvoice } from "../../src/invoice/index.js";
import { LINE_DECIMALS_USAGE, lineDecimalsContract } from "../_support/progressiveLineDecimals.js";

// A preview's projected total and amount due are settled figures: with lines finer than the currency
// (rounding.lineDecimals) they are in the currency's decimals, as the total so far is written.
describe("a preview's projection with lines finer than the currency", () => {
  it("writes the projected total in the currency's decimals, as the invoice's total", () => {
    // As of 16 March (15 of 31 days): 3 GB so far (1 + 2), projected 3 × 31 ÷ 15 = 6.2 GB × 0.1234 =
    // 0.76508 → 0.7651; the fee 0.1250; VAT 20 % per line 0.15302 → 0.1530 and 0.0250: 1.0681 → 1.07.
    // So far: 0.3702 + 0.1250 = 0.4952, VAT 0.07404 → 0.0740 + 0.0250 = 0.0990: 0.5942 → 0.59.
    const preview = previewInvoice(lineDecimalsContract(), LINE_DECIMALS_USAGE, "2026-03", "2026-03-16");
    expect(preview.preview?.projection.total).toBe("1.07");
    const text = explainText(preview);
    expect(text).toContain("Total $0.59.");
    expect(text).toContain("Projected subtotal $0.8901, projected total $1.07 (projected, not billed).");
  });
});
