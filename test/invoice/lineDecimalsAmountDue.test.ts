import { describe, expect, it } from "vitest";
import { explainText, rateInvoice } from "../../src/index.js";
import { buildContract, sumMeter, unitCharge } from "../_support/contract.js";

// Lines to 4 decimals (rounding.lineDecimals), and a prepaid grant that pays after tax. A balance
// carried from an earlier invoice of this contract is kept to the line decimals too, so what it pays
// can leave an amount due finer than the currency: only then is the amount due rounded with a record.
const contract = buildContract(
  {
    id: "ctr_due_rounding",
    meters: [sumMeter("a")],
    charges: [unitCharge("compute", "Compute", "a")],
    credits: [{ id: "wallet", name: "Wallet", kind: "prepaid", taxed: "at_use", amount: "100" }],
  },
  { rounding: { mode: "half_even", lineDecimals: 4 } },
);
const usage = [
  { id: "u", type: "a", customer: "cus", timestamp: "2026-03-02T00:00:00Z", properties: { v: "20" } },
];

describe("the amount due rounded to the currency after a credit with finer decimals", () => {
  it("rounds 20.00 − 10.1234 = 9.8766 to 9.88 and records the adjustment of 0.0034", () => {
    const invoice = rateInvoice(contract, usage, "2026-03", { creditBalances: { wallet: "10.1234" } });
    // total 20.0000 → 20.00 (nothing to round); the wallet pays min(10.1234, 20.00) = 10.1234;
    // due 20.00 − 10.1234 = 9.8766 → 9.88 (half-even: 0.0066 is above half a cent); 9.88 − 9.8766 = 0.0034
    expect([invoice.total, invoice.amountDue]).toEqual(["20.00", "9.88"]);
    expect(invoice.credits?.map((credit) => [credit.applied, credit.balanceAfter])).toEqual([
      ["-10.1234", "0.0000"],
    ]);
    expect(invoice.rounding).toMatchObject({
      lineDecimals: 4,
      total: { minorUnits: 2, before: "20.0000", adjustment: "0.0000" },
      amountDue: { before: "9.8766", adjustment: "0.0034" },
    });
    expect(explainText(invoice)).toContain(
      "Amount due before rounding $9.8766, rounded half-even: a rounding adjustment of $0.0034.\nAmount due $9.88.",
    );
  });

  it("records no amount-due rounding when what the credit leaves is already in cents", () => {
    const invoice = rateInvoice(contract, usage, "2026-03", { creditBalances: { wallet: "10.5000" } });
    // due 20.00 − 10.50 = 9.50, already in cents: no record
    expect(invoice.amountDue).toBe("9.50");
    expect(invoice.rounding).not.toHaveProperty("amountDue");
  });
});
