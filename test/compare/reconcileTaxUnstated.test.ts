import { describe, expect, it } from "vitest";
import { fromCsvInvoice, reconcile } from "../../src/compare/index.js";
import { rateInvoice } from "../../src/index.js";
import { buildContract, type ContractOverrides, meteredEvent } from "../_support/contract.js";

// A platform fee of 100.00 and egress at 0.05 a GB, 20 % VAT added per line; 2,000 GB in February:
// 100.00 + 100.00 = 200.00, VAT 20.00 + 20.00 = 40.00, total 240.00.
const tax: ContractOverrides["tax"] = {
  mode: "exclusive",
  rounding: "per_line",
  rates: [{ id: "vat", name: "VAT 20%", percent: "20" }],
};
const contract = buildContract(
  {
    charges: [
      { id: "platform", name: "Platform fee", price: { model: "flat", amount: "100.00" } },
      { id: "egress", name: "Egress", meter: "m", price: { model: "unit", unitPrice: "0.05" } },
    ],
  },
  { tax },
);
const recomputed = rateInvoice(contract, [meteredEvent("e1", "2000")], "2026-02");

describe("an issued total without a tax row", () => {
  it("finds the VAT an invoice issued without it never charged", () => {
    expect(recomputed.total).toBe("240.00");
    // The issuer forgot the VAT: lines 200.00, Total 200.00. The customer should have paid 240.00 −
    // 200.00 = 40.00 more, all of it tax. Before: "The issued invoice agrees with the recomputation."
    const issued = fromCsvInvoice(
      "Item,Qty,Amount\nPlatform fee,1,100.00\nEgress,2000,100.00\nTotal,,200.00\n",
    );
    const result = reconcile(issued, recomputed);
    expect(result.discrepancies.map((d) => [d.cause, d.amount])).toEqual([["tax", "40.00"]]);
    expect(result.discrepancies[0]?.sentence).toBe(
      "Tax: the issued invoice states none, and its total 200.00 is its lines' 200.00 and nothing else; recomputed 40.00.",
    );
  });

  it("reads a total that holds the tax, unstated, as agreeing", () => {
    // Lines 200.00 and Total 240.00 with no tax row: the 40.00 beside the lines is the tax, as recomputed.
    const issued = fromCsvInvoice(
      "Item,Qty,Amount\nPlatform fee,1,100.00\nEgress,2000,100.00\nTotal,,240.00\n",
    );
    expect(reconcile(issued, recomputed).discrepancies).toEqual([]);
  });

  it("compares tax and adjustments as one figure when the document does not split them", () => {
    // Total 230.00: 30.00 beside the lines where the recomputation has 40.00 of tax and nothing else.
    const issued = fromCsvInvoice(
      "Item,Qty,Amount\nPlatform fee,1,100.00\nEgress,2000,100.00\nTotal,,230.00\n",
    );
    const result = reconcile(issued, recomputed);
    expect(result.discrepancies.map((d) => [d.cause, d.amount])).toEqual([["tax", "10.00"]]);
    expect(result.discrepancies[0]?.sentence).toBe(
      "Tax, discounts, commitments and credits (the total less the lines; the issued invoice states no tax): issued 30.00, recomputed 40.00 (tax 40.00).",
    );
  });
});
