import { describe, expect, it } from "vitest";
import { correctLateUsage, explainLateUsage, rateInvoice } from "../../src/index.js";
import { usageEvent } from "../_support/contract.js";
import { LINE_DECIMALS_USAGE, lineDecimalsContract } from "../_support/progressiveLineDecimals.js";

// A late-usage correction's totals are settled figures: with lines finer than the currency
// (rounding.lineDecimals) they are written in the currency's decimals, as the invoice writes its total.
describe("a late-usage correction with lines finer than the currency", () => {
  it("writes the next invoice's total in the currency's decimals and the lines in theirs", () => {
    // Issued: 6 GB × 0.1234 = 0.7404 + fee 0.1250, VAT 0.1481 + 0.0250: 1.0385 → 1.04. One GB more
    // arrives late: 0.8638 + 0.1250, VAT 0.17276 → 0.1728 + 0.0250: 1.1866 → 1.19. Lines −0.7404 +
    // 0.8638 = 0.1234; the next invoice carries 1.19 − 1.04 = 0.15.
    const contract = lineDecimalsContract();
    const issued = rateInvoice(contract, LINE_DECIMALS_USAGE, "2026-03");
    const late = [usageEvent("late", "gb", "2026-03-20T00:00:00Z", { v: "1" })];
    const result = correctLateUsage(contract, issued, LINE_DECIMALS_USAGE, late, { billOn: "2026-04" });
    expect([issued.total, result.mode === "next_invoice" ? result.total : undefined]).toEqual([
      "1.04",
      "0.15",
    ]);
    expect(explainLateUsage(result)).toContain(
      "Lines $0.1234; for the next invoice $0.15 (with the period's discounts, commitments, credits and tax worked again).",
    );
  });
});
