import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import {
  buildContract,
  COMPUTE_AND_STORAGE,
  computeAndStorageUsage,
  flatCharge,
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
});
