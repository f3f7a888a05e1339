import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract } from "../_support/contract.js";

// A plan billed whole ("prorate": false), in arrears, from 1 March 2026 (UTC): one fee per month,
// whatever its terms do inside the month.
const plan = (amount: string, prorate = false) => ({
  id: "plan",
  name: "Plan",
  price: { model: "flat" as const, amount, ...(prorate ? {} : { prorate: false }) },
});
const contract = (...changes: ReadonlyArray<{ effective: string; amount: string; prorate?: boolean }>) =>
  buildContract({
    term: { start: "2026-03-01" },
    meters: [],
    charges: [plan("310.00")],
    amendments: changes.map((change, at) => ({
      id: `change${at}`,
      effective: change.effective,
      charges: [plan(change.amount, change.prorate)],
    })),
  });

describe('a fee billed whole ("prorate": false) whose terms change inside the period', () => {
  it("bills one fee for the month, at the last terms in force: 620.00, not 310.00 + 620.00", () => {
    const invoice = rateInvoice(contract({ effective: "2026-04-15", amount: "620.00" }), [], "2026-04");
    // before: a line per piece, each whole, 310.00 + 620.00 = 930.00 for one month's plan
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([["plan", "620.00"]]);
    expect(invoice.lines[0]?.period).toEqual({
      start: "2026-04-01T00:00:00.000Z",
      end: "2026-05-01T00:00:00.000Z",
    });
    expect(invoice.total).toBe("620.00");
    expect(invoice.notices?.map((notice) => [notice.code, notice.path, notice.details])).toEqual([
      [
        "whole_fee_repriced",
        "amendments[0].charges[0]",
        { from: "2026-04-15", period: "2026-04-01/2026-05-01" },
      ],
    ]);
  });

  it("bills the last of three terms once: 310.00, 620.00 from the 10th, 100.00 from the 20th → 100.00", () => {
    const invoice = rateInvoice(
      contract({ effective: "2026-04-10", amount: "620.00" }, { effective: "2026-04-20", amount: "100.00" }),
      [],
      "2026-04",
    );
    expect(invoice.total).toBe("100.00");
    expect(invoice.notices?.[0]?.details).toEqual({ from: "2026-04-20", period: "2026-04-01/2026-05-01" });
  });

  it("leaves a fee that ends inside the month as it was: billed whole for the time it ran, no warning", () => {
    const stopped = buildContract({
      term: { start: "2026-03-01" },
      meters: [],
      charges: [plan("310.00")],
      amendments: [{ id: "stop", effective: "2026-04-15", remove: ["plan"] }],
    });
    const invoice = rateInvoice(stopped, [], "2026-04");
    // one version only: its piece, 1–15 April, billed whole (not prorated), as any partial period
    expect(invoice.lines.map((line) => [line.id, line.amount, line.period.end])).toEqual([
      ["plan@2026-04-01", "310.00", "2026-04-15T00:00:00.000Z"],
    ]);
    expect(invoice.notices).toBeUndefined();
  });

  it("leaves a month the change does not cut as it was", () => {
    // May: 620.00 whole, no notice
    const may = rateInvoice(contract({ effective: "2026-04-15", amount: "620.00" }), [], "2026-05");
    expect([may.total, may.notices]).toEqual(["620.00", undefined]);
  });
});
