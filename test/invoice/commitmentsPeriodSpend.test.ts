import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ContractInput } from "../../src/contracts/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import {
  buildContract,
  COMPUTE_AND_STORAGE,
  computeAndStorageUsage,
  flatCharge,
} from "../_support/contract.js";

// A usage charge at 1.00 a unit (a line's amount is its usage) and a platform fee billed in advance:
// the invoice that closes March bills March's usage and April's fee (its line's period is April).
function contractWith(fee: string, commitment: NonNullable<ContractInput["commitments"]>[number]) {
  return buildContract({
    id: "ctr_advance_commit",
    meters: COMPUTE_AND_STORAGE.meters,
    charges: [
      ...COMPUTE_AND_STORAGE.charges,
      flatCharge("platform", "Platform", fee, { billed: "in_advance" }),
    ],
    commitments: [commitment],
  });
}
const usage = computeAndStorageUsage;

describe("a commitment measures the spend of its own billing period", () => {
  it("leaves the next period's fee billed in advance out of the spend (true-up 98.00, not 93.00)", () => {
    const contract = contractWith("5", { id: "min", name: "Minimum", minimum: "100" });
    const invoice = rateInvoice(contract, usage("2", "0"), "2026-03");
    // March's spend is its usage: 2.00 + 0.00 = 2.00 (April's 5.00 fee is April's); 100.00 − 2.00 = 98.00
    expect(invoice.commitments).toEqual([
      { id: "min", name: "Minimum", minimum: "100.00", spend: "2.00", trueUp: "98.00" },
    ]);
    expect(invoice.lines.find((line) => line.id === "platform")).toMatchObject({
      amount: "5.00",
      period: { start: "2026-04-01T00:00:00.000Z", end: "2026-05-01T00:00:00.000Z" },
    });
    // 2.00 + 0.00 + 5.00 (April's fee) + 98.00 = 105.00
    expect(invoice.total).toBe("105.00");
  });

  it("caps only this period's lines: the next period's fee is neither counted nor reduced", () => {
    const contract = contractWith("50", { id: "cap", name: "Cap", maximum: "100" });
    const invoice = rateInvoice(contract, usage("90", "60"), "2026-03");
    // spend 90.00 + 60.00 = 150.00, 50.00 above the cap, spread 90:60 → −30.00 and −20.00;
    // April's 50.00 fee stays whole: 60.00 + 40.00 + 50.00 = 150.00
    expect(invoice.commitments?.[0]).toMatchObject({ spend: "150.00", cap: "-50.00" });
    expect(invoice.lines.map((line) => [line.id, line.net ?? line.amount])).toEqual([
      ["compute", "60.00"],
      ["storage", "40.00"],
      ["platform", "50.00"],
    ]);
    expect(invoice.total).toBe("150.00");
  });

  it("bills the overage factor on this period's spend only", () => {
    const contract = contractWith("40", {
      id: "commit",
      name: "Commit",
      minimum: "100",
      overageFactor: "1.5",
    });
    const invoice = rateInvoice(contract, usage("120", "0"), "2026-03");
    // spend 120.00 (April's 40.00 fee left out); overage (120.00 − 100.00) × (1.5 − 1) = 10.00
    expect(invoice.commitments?.[0]).toMatchObject({ spend: "120.00", overage: "10.00" });
    // 120.00 + 0.00 + 40.00 + 10.00 = 170.00
    expect(invoice.total).toBe("170.00");
  });

  it("counts a fee billed in advance toward no commitment of the period that bills it, whatever its size", () => {
    const cents = fc.integer({ min: 0, max: 5_000_000 }).map((n) => (n / 100).toFixed(2));
    fc.assert(
      fc.property(cents, cents, cents, fc.integer({ min: 1, max: 60_000 }), (a, b, fee, minimum) => {
        const commitment = { id: "c", name: "C", minimum: String(minimum), maximum: String(minimum * 2) };
        const withFee = rateInvoice(contractWith(fee, commitment), usage(a, b), "2026-03");
        const without = rateInvoice(contractWith("0", commitment), usage(a, b), "2026-03");
        // The fee's line is the only difference: the commitment sees the same spend either way.
        expect(withFee.commitments).toEqual(without.commitments);
        expect(withFee.lines.find((line) => line.id === "platform")?.amount).toBe(fee);
      }),
      { numRuns: 40 },
    );
  });
});
