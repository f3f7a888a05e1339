import { describe, expect, it } from "vitest";
import { type Invoice, rateInvoice } from "../../src/invoice/index.js";
import { buildContract, buildContractJson, flatCharge } from "../_support/contract.js";

// Two fees of 30.00 a month billed in advance from 1 March: April's were billed on March's closing
// invoice. A change on 16 April leaves 15 of April's 30 days.
const fee = (id: string, amount: string) =>
  flatCharge(id, id.toUpperCase(), amount, { billed: "in_advance" });
const base = buildContractJson({
  id: "ctr_fee_changes",
  term: { start: "2026-03-01" },
  meters: [],
  charges: [fee("a", "30"), fee("b", "30")],
});
const overrideA = {
  id: "dearer",
  charge: "a",
  from: "2026-04-16",
  price: { model: "flat" as const, amount: "60" },
};
const changeLines = (invoice: Invoice) =>
  invoice.lines.filter((line) => line.id.includes("@")).map((line) => [line.id, line.amount]);

describe("what a change to a fee billed in advance is, when no amendment names the charge", () => {
  it("an override is prorated: no amendment at its date says otherwise", () => {
    const invoice = rateInvoice(buildContract(base, { overrides: [overrideA] }), [], "2026-04");
    // credit −30.00 × 15 ÷ 30 = −15.00, bill 60.00 × 15 ÷ 30 = 30.00
    expect(changeLines(invoice)).toEqual([
      ["a:unused@2026-04-16", "-15.00"],
      ["a@2026-04-16", "30.00"],
    ]);
  });

  it('an amendment of another charge on the same date, with "proration": "none", leaves the override prorated', () => {
    const contract = buildContract(base, {
      overrides: [overrideA],
      amendments: [{ id: "quiet", effective: "2026-04-16", charges: [fee("b", "45")], proration: "none" }],
    });
    // a as above; b keeps the 30.00 billed for April (no lines)
    expect(changeLines(rateInvoice(contract, [], "2026-04"))).toEqual([
      ["a:unused@2026-04-16", "-15.00"],
      ["a@2026-04-16", "30.00"],
    ]);
  });

  it('an amendment of both charges with "proration": "none" prorates neither', () => {
    const contract = buildContract(base, {
      amendments: [
        {
          id: "quiet",
          effective: "2026-04-16",
          charges: [fee("a", "60"), fee("b", "60")],
          proration: "none",
        },
      ],
    });
    expect(changeLines(rateInvoice(contract, [], "2026-04"))).toEqual([]);
  });
});
