import { describe, expect, it } from "vitest";
import { fromCsvInvoice, reconcile } from "../../src/compare/index.js";
import { rateInvoice } from "../../src/index.js";
import { buildContract, type ContractOverrides, usageEvent } from "../_support/contract.js";

// Lines kept to 3 decimals, the total rounded to cents: a platform fee of 100.00 and 37 requests at 0.002
// = 0.074; 20 % VAT per line, 20.000 + 0.0148 → 0.015 = 20.015. Lines 100.074, total 120.089 → 120.09.
const tax: ContractOverrides["tax"] = {
  mode: "exclusive",
  rounding: "per_line",
  rates: [{ id: "vat", name: "VAT 20%", percent: "20" }],
};
const contract = buildContract({
  rounding: { mode: "half_even", lineDecimals: 3 },
  meters: [{ id: "m", eventType: "e", aggregation: "count" }],
  charges: [
    { id: "platform", name: "Platform fee", price: { model: "flat", amount: "100.00" } },
    { id: "requests", name: "Requests", meter: "m", price: { model: "unit", unitPrice: "0.002" } },
  ],
  tax,
});
const events = Array.from({ length: 37 }, (_, i) => usageEvent(`r${i}`, "e", "2026-02-03T00:00:00Z", {}));
const recomputed = rateInvoice(contract, events, "2026-02");

describe("reconcile against a recomputation whose lines are finer than the currency", () => {
  it("reads a line issued to the cent as a rounding, not a rate change", () => {
    expect(recomputed.lines.map((line) => line.amount)).toEqual(["100.000", "0.074"]);
    expect([recomputed.tax?.total, recomputed.total]).toEqual(["20.015", "120.09"]);
    // Requests issued 0.07: 0.074 rounded to cents, 0.004 apart, within one cent. Before: "the rate
    // differs (a price change, override or amendment)".
    const issued = fromCsvInvoice("Item,Qty,Amount\nPlatform fee,1,100.00\nRequests,37,0.07\n");
    const found = reconcile(issued, recomputed).discrepancies;
    expect(found.map((d) => [d.line, d.cause, d.amount])).toEqual([["requests", "rounding", "0.004"]]);
  });

  it("finds nothing wrong with an invoice issued to the cent whose total agrees", () => {
    // The issuer's tax to the cent, 20.00 + 0.0148 → 0.01 = 20.01, and the total the customer pays,
    // 120.09, as recomputed. Tax 20.015 − 20.01 = +0.005; the total less lines and tax, issued 120.09 −
    // 100.074 − 20.01 = 0.006, recomputed 0.001 (its rounding): −0.005. They cancel; the totals agree.
    const issued = fromCsvInvoice(
      "Item,Qty,Amount\nPlatform fee,1,100.000\nRequests,37,0.074\nVAT 20%,,20.01\nTotal,,120.09\n",
    );
    const result = reconcile(issued, recomputed);
    expect(result.discrepancies).toEqual([]);
    expect(result.notes).toEqual([
      "The issued tax, 20.01, and the recomputed 20.015 differ by less than one cent, and the totals agree: the recomputation keeps its lines and tax to 3 decimals and rounds only its total to 2 (by 0.001).",
    ]);
    // A tax issued a cent off still is a discrepancy: 20.02 and total 120.10.
    const cent = fromCsvInvoice(
      "Item,Qty,Amount\nPlatform fee,1,100.000\nRequests,37,0.074\nVAT 20%,,20.02\nTotal,,120.10\n",
    );
    expect(reconcile(cent, recomputed).discrepancies.map((d) => d.cause)).toEqual(["tax", "adjustments"]);
  });
});
