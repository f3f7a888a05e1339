import { describe, expect, it } from "vitest";
import { type FocusRow, focusRows, rateInvoice } from "../../src/index.js";
import {
  bandwidthWithMinimum,
  buildContract,
  flatCharge,
  sumMeter,
  usageEvent,
} from "../_support/contract.js";
import { violations } from "./focusSpec.js";

const PROVIDER = { provider: "Acme Cloud" };
const pricing = (rows: ReadonlyArray<FocusRow>) =>
  rows.map((row) => [row.x_LineId, row.PricingQuantity, row.ListUnitPrice, row.ListCost, row.BilledCost]);

describe("focusRows: ListCost is never below what a line bills beyond its rounding", () => {
  it("keeps ListCost the exact product when rounding lifts the amount by less than half a cent", () => {
    // 3 GB at 0.3333: ListCost 3 × 0.3333 = 0.9999 (listcost.md: the product, exactly); the line rounds
    // 0.9999 → 1.00 (half-even), 0.0001 above its list cost.
    const contract = buildContract({
      meters: [sumMeter("gb", { unit: "GB" })],
      charges: [{ id: "bw", name: "Bandwidth", meter: "gb", price: { model: "unit", unitPrice: "0.3333" } }],
    });
    const invoice = rateInvoice(
      contract,
      [usageEvent("a", "gb", "2026-03-02T00:00:00Z", { v: "3" })],
      "2026-03",
    );
    expect(pricing(focusRows(invoice, PROVIDER))).toEqual([["bw", "3", "0.3333", "0.9999", "1.00"]]);
  });

  it("prices a line raised to its minimum as one block of what it bills", () => {
    // 300 GB × 0.10 = 30.00 raised to the 50.00 minimum: priced per unit the list cost would be 30,
    // 20.00 below the 50.00 billed. One block: 1 × 50.00 = 50.00.
    const contract = bandwidthWithMinimum();
    const invoice = rateInvoice(
      contract,
      [usageEvent("a", "gb", "2026-03-02T00:00:00Z", { v: "300" })],
      "2026-03",
    );
    const rows = focusRows(invoice, PROVIDER);
    expect(pricing(rows)).toEqual([["bw", "1", "50.00", "50.00", "50.00"]]);
    expect(rows[0]?.ConsumedQuantity).toBe("300");
    for (const row of rows) expect(violations(row)).toEqual([]);
  });

  it("states an exempt customer's inclusive price as it is: no tax in it to take off", () => {
    // A 119.00 fee, prices incl. VAT 19 %, the customer exempt: it pays 119.00 and no tax (the rate's
    // line is listed with an exact tax of 0). Net of 19 % the list cost would be 119 × 100 / 119 =
    // 100 against 119.00 billed; it is 119.00, and the Tax row's list cost 0 (19 % of no taxed line).
    const contract = buildContract({
      charges: [flatCharge("platform", "Platform", "119.00")],
      tax: {
        mode: "inclusive",
        rates: [{ id: "vat", name: "VAT 19%", percent: "19" }],
        exempt: { reason: "Charity" },
      },
    });
    const rows = focusRows(rateInvoice(contract, [], "2026-03"), PROVIDER);
    expect(pricing(rows)).toEqual([
      ["platform", "1", "119.00", "119.00", "119.00"],
      ["tax:vat", null, null, "0", "0.00"],
    ]);
    for (const row of rows) expect(violations(row)).toEqual([]);
  });

  it("leaves in a line's row the inclusive tax a credit before tax did not bear", () => {
    // 100.00 incl. 25 % VAT, a 40.00 promotional credit before tax: tax on 60.00 = 60.00 × 25 / 125 =
    // 12.00; the line's row 100.00 − 12.00 = 88.00 against ListCost 100 × 100 / 125 = 80; the Credit
    // row −40.00, the Tax row 12.00: 88.00 − 40.00 + 12.00 = 60.00, the invoice's total.
    const contract = buildContract({
      charges: [flatCharge("a", "Fee", "100.00")],
      credits: [{ id: "promo", name: "Promo", kind: "promotional", amount: "40.00" }],
      tax: { mode: "inclusive", rates: [{ id: "vat", name: "VAT 25%", percent: "25" }] },
    });
    const invoice = rateInvoice(contract, [], "2026-03", { creditsStartFull: true });
    const rows = focusRows(invoice, PROVIDER);
    expect(rows.map((row) => [row.x_LineId, row.ListCost, row.BilledCost])).toEqual([
      ["a", "80", "88.00"],
      ["credit:promo", "-40.00", "-40.00"],
      ["tax:vat", "20", "12.00"],
    ]);
    expect(invoice.total).toBe("60.00");
  });
});
