import { describe, expect, it } from "vitest";
import { inAdvanceFee, rateInAdvance, rateInvoice } from "../../src/invoice/index.js";
import { CARRYING_METERS, carryingCharges } from "../_support/carryingMeters.js";
import { buildContract, usageEvent } from "../_support/contract.js";

// Usage billed in advance on meters that carry state: seats (persistent unique count, 10.00 a seat),
// stored objects (persistent running total, 0.01 an object) and storage (weighted_sum, 0.02 a GB-month),
// contract from 2026-01-01, February rated with what January carried out. rateInAdvance took no carried
// state: each meter opened February from zero, so the in-advance fees and the `arrears` they net
// against were not the invoice's (20.00 of seats where the invoice bills 30.00).
const CONTRACT = buildContract({ meters: CARRYING_METERS, charges: carryingCharges("0.02") });
const CARRIED = { seats: { active: ["u1"] }, objects: { total: "500" }, storage: { level: "100" } };
const FEBRUARY = [
  usageEvent("a", "seat", "2026-02-10T00:00:00Z", { user: "u2", op: "add" }),
  usageEvent("b", "obj", "2026-02-11T00:00:00Z", { delta: 200 }),
  usageEvent("c", "level", "2026-02-15T00:00:00Z", { gb: 300 }),
  usageEvent("d", "seat", "2026-02-20T00:00:00Z", { user: "u3", op: "add" }),
];

describe("rateInAdvance with carried state", () => {
  it("bills in advance what the invoice rated with the same state bills, charge by charge", () => {
    const invoice = rateInvoice(CONTRACT, FEBRUARY, "2026-02", { carried: CARRIED });
    // By hand, the invoice: seats u1 (carried), u2, u3 = 3 × 10.00 = 30.00; objects 500 + 200 = 700 ×
    // 0.01 = 7.00; storage 100 GB for 14 days, 300 GB for 14: (100 × 14 + 300 × 14) ÷ 28 = 200 GB-month
    // × 0.02 = 4.00.
    const expected = { seats: "30.00", objects: "7.00", storage: "4.00" };
    for (const [charge, amount] of Object.entries(expected)) {
      expect(invoice.lines.find((line) => line.chargeId === charge)!.amount, charge).toBe(amount);
      const result = rateInAdvance(CONTRACT, charge, FEBRUARY, "2026-02", { carried: CARRIED });
      expect(result, charge).toMatchObject({ billedInAdvance: amount, arrears: amount, due: "0.00" });
    }
  });

  it("opens the high-water mark from the carried state at the first event", () => {
    const fees = (charge: string) =>
      rateInAdvance(CONTRACT, charge, FEBRUARY, "2026-02", { carried: CARRIED }).fees.map((fee) => fee.fee);
    // seats: a → {u1, u2} = 20.00 (the carried seat with the first event), b and c add none,
    // d → 3 seats = 30.00, fee 10.00
    expect(fees("seats")).toEqual(["20.00", "0.00", "0.00", "10.00"]);
    // objects: 500 carried at a = 5.00; b → 700 = 7.00, fee 2.00
    expect(fees("objects")).toEqual(["5.00", "2.00", "0.00", "0.00"]);
    // storage: 100 GB all month at a = 2.00; c → 200 GB-month = 4.00, fee 2.00
    expect(fees("storage")).toEqual(["2.00", "0.00", "2.00", "0.00"]);
    // one event at a time: d after a, b, c with the mark a–c left (2 seats) adds 10.00
    const prior = FEBRUARY.slice(0, 3);
    expect(
      inAdvanceFee(CONTRACT, "seats", prior, FEBRUARY[3], "2026-02", {
        carried: CARRIED,
        highWaterMark: "2",
      }).fee,
    ).toBe("10.00");
  });

  it("checks the carried state as rateInvoice does", () => {
    expect(() =>
      rateInAdvance(CONTRACT, "seats", FEBRUARY, "2026-02", { carried: { seets: { active: [] } } }),
    ).toThrow(expect.objectContaining({ code: "invalid_field", path: "options.carried.seets" }));
  });
});
