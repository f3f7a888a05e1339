import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";

// The optional fields of an issued invoice (stages/issueInvoice.ts): written when they say something,
// left out otherwise, so an invoice without commitments or carried state reads as before.
describe("issueInvoice: optional fields", () => {
  const contract = buildContract({
    meters: [sumMeter("gb", { unit: "GB" })],
    charges: [unitCharge("bw", "Bandwidth", "gb")],
    metadata: { crm: "42" },
  });
  // 5 GB at 1.00 = 5.00
  const invoice = rateInvoice(
    contract,
    [usageEvent("a", "gb", "2026-03-10T12:00:00Z", { v: "5" })],
    "2026-03",
  );

  it("copies the meter's unit and the contract's metadata", () => {
    expect(invoice.total).toBe("5.00");
    expect(invoice.usage.meters).toEqual([
      { meter: "gb", aggregation: "sum", events: 1, quantity: "5", unit: "GB" },
    ]);
    expect(invoice.metadata).toEqual({ crm: "42" });
  });

  it("leaves out commitments and carried state when there are none", () => {
    expect(Object.keys(invoice)).not.toContain("commitments");
    expect(Object.keys(invoice.usage)).not.toContain("carryOut");
  });
});
