import { describe, expect, it } from "vitest";
import { type Invoice, rateInvoice } from "../../src/invoice/index.js";
import { buildContract, flatCharge, sumMeter, usageEvent } from "../_support/contract.js";

// A charge an amendment renames (or re-tags) and prices as before bills as if nothing had changed: one
// line for the period, under the name in force at its end. Its name is not a price: until 5 December
// 2026 each name had its own line, each prorated and rounded on its own, and a usage charge's tiers
// started again under the new name.
const lineView = (invoice: Invoice) => invoice.lines.map((line) => [line.id, line.name, line.amount]);

describe("a charge renamed inside the period", () => {
  it("bills a flat fee whole: 10.00, not 3.33 three times (9.99)", () => {
    // April has 30 days; renamed on the 11th and the 21st: 10.00 × 10 ÷ 30 = 3.333… → 3.33 per name
    const contract = buildContract({
      term: { start: "2026-01-01" },
      meters: [],
      charges: [flatCharge("plan", "Plan", "10")],
      amendments: [
        { id: "a", effective: "2026-04-11", charges: [flatCharge("plan", "Plan Plus", "10")] },
        {
          id: "b",
          effective: "2026-04-21",
          charges: [flatCharge("plan", "Plan Pro", "10", { tags: ["core"] })],
        },
      ],
    });
    const invoice = rateInvoice(contract, [], "2026-04");
    expect(lineView(invoice)).toEqual([["plan", "Plan Pro", "10.00"]]);
    expect(invoice.total).toBe("10.00");
  });

  it("prices a graduated usage charge's tiers once over the period", () => {
    // first 100 GB free, then 0.10 a GB; 80 GB before the rename on 16 April and 80 GB after:
    // 160 GB over the period = 100 × 0 + 60 × 0.10 = 6.00 (per name, 80 GB each under the free 100: 0.00)
    const bandwidth = (name: string) => ({
      id: "bandwidth",
      name,
      meter: "gb",
      price: {
        model: "graduated" as const,
        tiers: [
          { upTo: "100", unitPrice: "0" },
          { upTo: null, unitPrice: "0.10" },
        ],
      },
    });
    const contract = buildContract({
      term: { start: "2026-01-01" },
      meters: [sumMeter("gb")],
      charges: [bandwidth("Bandwidth")],
      amendments: [{ id: "a", effective: "2026-04-16", charges: [bandwidth("Transfer")] }],
    });
    const events = [
      usageEvent("e1", "gb", "2026-04-05T00:00:00Z", { v: 80 }),
      usageEvent("e2", "gb", "2026-04-20T00:00:00Z", { v: 80 }),
    ];
    const invoice = rateInvoice(contract, events, "2026-04");
    expect(lineView(invoice)).toEqual([["bandwidth", "Transfer", "6.00"]]);
  });

  it("with a fee billed in advance, settles nothing: the next period's fee under the new name", () => {
    // 30.00 billed in advance, renamed on 16 April: no credit of the old name's unused time and no
    // charge of the new one's (before: −15.00 and +15.00 lines); May's 30.00 under the new name
    const contract = buildContract({
      term: { start: "2026-03-01" },
      meters: [],
      charges: [flatCharge("plan", "Plan", "30", { billed: "in_advance" })],
      amendments: [
        {
          id: "a",
          effective: "2026-04-16",
          charges: [flatCharge("plan", "Plan Plus", "30", { billed: "in_advance" })],
        },
      ],
    });
    expect(lineView(rateInvoice(contract, [], "2026-04"))).toEqual([["plan", "Plan Plus", "30.00"]]);
  });

  it("still splits at a change of price: 10.00 then 20.00 from the 16th", () => {
    // 10.00 × 15 ÷ 30 = 5.00 and 20.00 × 15 ÷ 30 = 10.00, each its own line
    const contract = buildContract({
      term: { start: "2026-01-01" },
      meters: [],
      charges: [flatCharge("plan", "Plan", "10")],
      amendments: [{ id: "a", effective: "2026-04-16", charges: [flatCharge("plan", "Plan Plus", "20")] }],
    });
    expect(lineView(rateInvoice(contract, [], "2026-04"))).toEqual([
      ["plan@2026-04-01", "Plan", "5.00"],
      ["plan@2026-04-16", "Plan Plus", "10.00"],
    ]);
  });
});
