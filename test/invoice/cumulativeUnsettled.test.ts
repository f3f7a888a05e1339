import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/index.js";
import { parseInvoice, rateInvoice } from "../../src/index.js";
import { buildContract, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";

// A commitment of 1,200.00 owed over Q1 2026 by the invoices together (docs/commitment-periods.md), usage
// at 1.00 a unit, a term that ends on 15 February, before the commitment's `until` (1 April). No invoice
// reaches 1 April, so no true-up is billed (documented: "Where ratecard differs"). Until 6 December 2026
// the last invoice said nothing of it, and its explanation ended "the next invoice carries it", while no
// next invoice exists: 800.00 of the minimum went unbilled without a word.
const contract = (trueUp?: boolean) =>
  buildContract({
    term: { start: "2026-01-01", end: "2026-02-15" },
    meters: [sumMeter("gb")],
    charges: [unitCharge("use", "Use", "gb")],
    commitments: [
      {
        id: "q1",
        name: "Q1 commitment",
        minimum: "1200.00",
        cumulative: { from: "2026-01-01", until: "2026-04-01", ...(trueUp === undefined ? {} : { trueUp }) },
      },
    ],
  });
const february = [usageEvent("e2", "gb", "2026-02-10T00:00:00Z", { v: 100 })];
const codes = (invoice: ReturnType<typeof rateInvoice>) =>
  (invoice.notices ?? []).map((notice) => notice.code);

describe("cumulative_minimum_unsettled", () => {
  it("warns on the term's last invoice that what is left of the minimum is not trued up", () => {
    // January spent 300.00; February 100.00: spend to date 400.00, 1,200.00 − 400.00 = 800.00 left
    const invoice = rateInvoice(contract(), february, "2026-02", {
      commitmentSpendToDate: { q1: "300.00" },
    });
    expect(invoice.total).toBe("100.00");
    expect(invoice.notices).toEqual([
      {
        code: "cumulative_minimum_unsettled",
        path: "commitments[0].cumulative",
        details: {
          commitment: "q1",
          minimum: "1200.00",
          until: "2026-04-01",
          termEnd: "2026-02-15",
          unsettled: "800.00",
          currency: "USD",
        },
        message:
          "Commitment q1 owes 1200.00 USD over its invoices until 2026-04-01, but the term ends on 2026-02-15, before it: this is its last invoice, and the 800.00 USD of the minimum not spent is not trued up. Bill it by hand if the contract says a shortfall is owed when the term ends.",
      },
    ]);
    expect(explainText(invoice)).toContain("the 800.00 USD of the minimum not spent is not trued up");
    // the invoice with its notice still reads as an invoice
    expect(() => parseInvoice(JSON.parse(JSON.stringify(invoice)))).not.toThrow();
  });

  it("says nothing on an invoice the term goes on after, nor when the minimum is met, nor without a true-up", () => {
    const january = rateInvoice(
      contract(),
      [usageEvent("e1", "gb", "2026-01-10T00:00:00Z", { v: 300 })],
      "2026-01",
    );
    expect(codes(january)).toEqual([]);
    const met = rateInvoice(contract(), february, "2026-02", { commitmentSpendToDate: { q1: "1100.00" } });
    expect(codes(met)).toEqual([]);
    const noTrueUp = rateInvoice(contract(false), february, "2026-02", {
      commitmentSpendToDate: { q1: "300.00" },
    });
    expect(codes(noTrueUp)).toEqual([]);
  });
});
