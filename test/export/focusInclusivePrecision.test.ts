import { describe, expect, it } from "vitest";
import { focusRows, rateInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract, sumMeter, usageEvent } from "../_support/contract.js";
import { violations } from "./focusSpec.js";

// docs/focus-export.md, "Inclusive tax": a net list price that never terminates is kept to 50
// significant digits (FOCUS leaves a column's precision to the provider, numeric_format.md), and
// BilledCost stays exact in the currency's minor units, so the rows still add up to the invoice.
describe("focusRows: an inclusive-tax list cost that does not terminate", () => {
  it("writes 1.00 incl. 17 % VAT as 0.854700… to 50 digits, the tax's list cost 17 % of it, billed exact", () => {
    const contract = buildContract({
      meters: [sumMeter("m", { unit: "GB" })],
      charges: [{ id: "use", name: "Use", meter: "m", price: { model: "unit", unitPrice: "1" } }],
      tax: {
        mode: "inclusive",
        rounding: "per_invoice",
        rates: [{ id: "vat", name: "VAT 17%", percent: "17" }],
      },
    });
    const invoice = rateInvoice(
      contract,
      [usageEvent("a", "m", "2026-03-05T10:00:00Z", { v: "1" })],
      "2026-03",
    );
    const [use, tax] = focusRows(invoice, { provider: "Acme Cloud" });
    // 1.00 × 100 / 117 = 0.(854700) repeating, to 50 significant digits; one block (quantity 1).
    expect(use?.ListCost).toBe("0.85470085470085470085470085470085470085470085470085");
    expect([use?.PricingQuantity, use?.ListUnitPrice]).toEqual(["1", use?.ListCost]);
    // 85470085470085470085470085470085470085470085470085 × 17 = 1452991452991452991452991452991452991452991452991445
    expect(tax?.ListCost).toBe("0.1452991452991452991452991452991452991452991452991445");
    // the tax 1.00 × 17 / 117 = 0.1453 → 0.15; the line 1.00 − 0.15 = 0.85: 1.00, the invoice's total
    expect([use?.BilledCost, tax?.BilledCost]).toEqual(["0.85", "0.15"]);
    expect(new Decimal(use?.BilledCost ?? "NaN").plus(tax?.BilledCost ?? "NaN").toFixed(2)).toBe(
      invoice.total,
    );
    // The list costs miss the 1.00 list price by less than 10⁻⁵⁰: no saving a report would show.
    const listGap = new Decimal(1).minus(use?.ListCost ?? "NaN").minus(tax?.ListCost ?? "NaN");
    expect(listGap.abs().lt("1e-50")).toBe(true);
    for (const row of [use, tax]) expect(violations(row!)).toEqual([]);
  });
});
