import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, type ContractOverrides, flatCharge, usageEvent } from "../_support/contract.js";

// A charge an amendment adds can be named by id wherever a term lists charges (discounts, credit grants,
// commitments, tax rates), as patterns and tags already select it (docs/contracts.md, "Selecting charges
// by pattern or tag"): the contract's default usage charge `use` (10 units at 1.00 = 10.00) and a fee of
// 31.00 a month, `extra`, added on 15 March: 17 of March's 31 days, 31.00 × 17 ÷ 31 = 17.00.
const withExtra = (terms: ContractOverrides) =>
  buildContract({
    amendments: [{ id: "add", effective: "2026-03-15", charges: [flatCharge("extra", "Extra", "31")] }],
    ...terms,
  });
const march = (terms: ContractOverrides) =>
  rateInvoice(withExtra(terms), [usageEvent("u", "e", "2026-03-02T00:00:00Z", { v: "10" })], "2026-03", {
    creditsStartFull: true,
  });

describe("terms naming a charge an amendment adds, by id", () => {
  it("a discount on it: 50 % of 17.00 = 8.50, the same invoice as its pattern gives", () => {
    // 10.00 + 17.00 − 8.50 = 18.50
    const byId = march({ discounts: [{ id: "half", name: "Half", percent: "50", charges: ["extra"] }] });
    expect(byId.total).toBe("18.50");
    const byPattern = march({
      discounts: [{ id: "half", name: "Half", percent: "50", chargesMatching: ["ext*"] }],
    });
    expect(byId.lines).toEqual(byPattern.lines);
  });

  it("a tax rate on it: a 10 % levy on its 17.00 only", () => {
    // 17.00 × 10 % = 1.70; total 27.00 + 1.70 = 28.70
    const invoice = march({
      tax: { mode: "exclusive", rates: [{ id: "levy", name: "Levy", percent: "10", charges: ["extra"] }] },
    });
    expect([invoice.tax?.total, invoice.total]).toEqual(["1.70", "28.70"]);
  });

  it("a credit grant on it: 5.00 of its 17.00", () => {
    // 27.00 − 5.00 = 22.00
    const invoice = march({
      credits: [{ id: "g", name: "G", kind: "promotional", amount: "5", charges: ["extra"] }],
    });
    expect(invoice.credits?.[0]?.allocation).toEqual([{ line: "extra@2026-03-15", amount: "-5.00" }]);
    expect(invoice.total).toBe("22.00");
  });

  it("a commitment on it: a 31.00 minimum of its spend of 17.00 trues up 14.00", () => {
    // March is a whole billing period, so the minimum is 31.00: 31.00 − 17.00 = 14.00; 27.00 + 14.00 = 41.00
    const invoice = march({
      commitments: [{ id: "floor", name: "Floor", minimum: "31", charges: ["extra"] }],
    });
    expect(invoice.commitments?.[0]).toMatchObject({ spend: "17.00", trueUp: "14.00" });
    expect(invoice.total).toBe("41.00");
  });
});
