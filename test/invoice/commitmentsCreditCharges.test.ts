import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import {
  buildContract,
  COMPUTE_AND_STORAGE,
  computeAndStorageUsage,
  flatCharge,
  usageEvent,
} from "../_support/contract.js";

// Found by mutation testing: no test had a credit charge beside a commitment.
describe("a commitment's spend leaves out the lines of credit charges", () => {
  it("measures 60.00 of usage, not 50.00 after a −10.00 credit line (true-up 40.00, not 50.00)", () => {
    const contract = buildContract({
      id: "ctr_commit_credit",
      meters: COMPUTE_AND_STORAGE.meters,
      charges: [
        ...COMPUTE_AND_STORAGE.charges,
        flatCharge("sud", "Sustained-use credit", "-10", { credit: true }),
      ],
      commitments: [{ id: "min", name: "Minimum", minimum: "100" }],
    });
    const invoice = rateInvoice(contract, computeAndStorageUsage("60", "0"), "2026-03");
    // Spend: 60.00 + 0.00 (the credit's −10.00 is not spend); 100.00 − 60.00 = 40.00
    expect(invoice.commitments).toEqual([
      { id: "min", name: "Minimum", minimum: "100.00", spend: "60.00", trueUp: "40.00" },
    ]);
    // 60.00 + 0.00 − 10.00 + 40.00 = 90.00
    expect(invoice.total).toBe("90.00");
  });

  it("leaves out the line of a credit charge an amendment adds, as it does one the contract starts with", () => {
    // 80 units at 1.00 = 80.00; a −31.00 SLA credit added on 15 March bills 17 of March's 31 days:
    // −31.00 × 17 ÷ 31 = −17.00. Spend 80.00 (the credit is not spend), true-up 100.00 − 80.00 = 20.00;
    // total 80.00 − 17.00 + 20.00 = 83.00. Counted as spend, 63.00 raised the true-up to 37.00 and the
    // customer paid the 100.00 minimum with the credit taken back.
    const contract = buildContract({
      amendments: [
        {
          id: "sla",
          effective: "2026-03-15",
          charges: [flatCharge("sla", "SLA credit", "-31", { credit: true })],
        },
      ],
      commitments: [{ id: "min", name: "Minimum", minimum: "100" }],
    });
    const invoice = rateInvoice(
      contract,
      [usageEvent("u", "e", "2026-03-02T00:00:00Z", { v: "80" })],
      "2026-03",
    );
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([
      ["use", "80.00"],
      ["sla@2026-03-15", "-17.00"],
      ["min", "20.00"],
    ]);
    expect(invoice.commitments).toEqual([
      { id: "min", name: "Minimum", minimum: "100.00", spend: "80.00", trueUp: "20.00" },
    ]);
    expect(invoice.total).toBe("83.00");
  });
});
