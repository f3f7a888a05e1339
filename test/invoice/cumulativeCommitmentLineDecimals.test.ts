import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/index.js";
import {
  type Invoice,
  rateClosingInvoice,
  rateInvoice,
  rateProgressiveInvoice,
} from "../../src/invoice/index.js";
import { usageEvent } from "../_support/contract.js";
import { quarterCommitment, spendIn, spendToDate } from "../_support/cumulativeCommitment.js";

// A cumulative commitment of 1.00 over Q1 2026 (docs/commitment-periods.md), usage at 1.00 a unit, lines
// kept to 4 decimals and each invoice's total rounded to cents, half-even (rounding.lineDecimals,
// docs/decisions/currency-minor-units.md).
const ROUNDING = { rounding: { mode: "half_even" as const, lineDecimals: 4 } };
const contract = (extra: Record<string, unknown> = {}) =>
  quarterCommitment({ minimum: "1", ...extra }, ROUNDING);
function quarter(of: ReturnType<typeof contract>, spends: readonly [string, string, string]): Invoice[] {
  const invoices: Invoice[] = [];
  (["2026-01", "2026-02", "2026-03"] as const).forEach((month, at) => {
    const carried = at === 0 ? {} : { commitmentSpendToDate: spendToDate(invoices[at - 1]!) };
    invoices.push(rateInvoice(of, spendIn(month, spends[at]!), month, carried));
  });
  return invoices;
}
const cents = (invoices: ReadonlyArray<Invoice>) =>
  invoices.reduce((sum, invoice) => sum + Math.round(Number(invoice.total) * 100), 0);

describe("a cumulative commitment with lines finer than the currency", () => {
  it("bills the minimum over the period, not a cent more: 0.01 + 0.01 + 0.98", () => {
    const [jan, feb, mar] = quarter(contract(), ["0.0051", "0.0051", "0"]);
    // January: 0.0051 → a total of 0.01 (half-even). It is carried as billed: round(0.0051) = 0.01
    expect([jan!.total, jan!.commitments?.[0]?.cumulative?.spendAfter]).toEqual(["0.01", "0.0100"]);
    expect(explainText(jan!)).toContain("Spend to date $0.0100 as billed (this invoice's $0.0051 rounded");
    // February: 0.0051 → 0.01; 0.01 + 0.01 = 0.02 billed to date (exact: 0.0102)
    expect([feb!.total, feb!.commitments?.[0]?.cumulative]).toMatchObject([
      "0.01",
      { spendBefore: "0.0100", remaining: "0.9900", spendAfter: "0.0200" },
    ]);
    // March closes the period: true-up 1.00 − 0.02 − 0 = 0.98 (before: 1.00 − 0.0102 = 0.9898 → 0.99,
    // and the quarter billed 0.01 + 0.01 + 0.99 = 1.01)
    expect([mar!.commitments?.[0]?.trueUp, mar!.total]).toEqual(["0.9800", "0.98"]);
    expect(cents([jan!, feb!, mar!])).toBe(100);
  });

  it("bills the minimum when rounding went down: 0.49 + 0.49 + 0.02, not 0.99", () => {
    // 0.4949 → 0.49 twice; March 0.0102: exact to date 1.0000 (no shortfall before), as billed
    // 0.49 + 0.49 + 0.0102 = 0.9902: true-up 1.00 − 0.98 − 0.0102 = 0.0098, March 0.0102 + 0.0098 = 0.02
    const invoices = quarter(contract(), ["0.4949", "0.4949", "0.0102"]);
    expect(invoices.map((invoice) => invoice.total)).toEqual(["0.49", "0.49", "0.02"]);
    expect(invoices[2]!.commitments?.[0]?.trueUp).toBe("0.0098");
    expect(cents(invoices)).toBe(100);
  });

  it("the overage starts where the billed spend reached the minimum", () => {
    // factor 3: January 0.9951 → 1.00 billed, the minimum used up as billed; February's 0.0100 is all
    // excess: overage 0.0100 × (3 − 1) = 0.0200, February 0.0100 + 0.0200 = 0.03. (Counted exact,
    // 0.0049 remained: within 0.0049, excess 0.0051, overage 0.0102, February 0.0202 → 0.02.)
    const [jan, feb, mar] = quarter(contract({ overageFactor: "3" }), ["0.9951", "0.01", "0"]);
    expect([jan!.total, feb!.total, mar!.total]).toEqual(["1.00", "0.03", "0.00"]);
    expect(feb!.commitments?.[0]).toMatchObject({
      overage: "0.0200",
      cumulative: { remaining: "0.0000", excess: "0.0100", spendAfter: "1.0100" },
    });
    // the quarter: 1.00 + 0.01 × 3 = 1.03
    expect(cents([jan!, feb!, mar!])).toBe(103);
  });

  it("an old spend file with the exact spend is still read", () => {
    const [jan] = quarter(contract(), ["0.0051", "0.0051", "0"]);
    const feb = rateInvoice(contract(), spendIn("2026-02", "0.0051"), "2026-02", {
      commitmentSpendToDate: { q1: "0.0051" },
    });
    expect(jan!.total).toBe("0.01");
    // 0.0051 carried as written: February to date 0.0051 + round(0.0051) = 0.0151
    expect(feb.commitments?.[0]?.cumulative?.spendAfter).toBe("0.0151");
  });

  it("the closing invoice of a progressive March settles it the same way", () => {
    const [jan, feb] = quarter(contract(), ["0.0051", "0.0051", "0"]);
    const march = [usageEvent("m1", "e", "2026-03-05T00:00:00Z", { v: "0.0033" })];
    const options = { commitmentSpendToDate: spendToDate(feb!) };
    const first = rateProgressiveInvoice(contract(), march, "2026-03", "2026-03-10", options);
    const closing = rateClosingInvoice(contract(), march, "2026-03", { ...options, earlier: [first] });
    // progressive: 0.0033 → 0.00; the month: 0.0033 + true-up 1.00 − 0.02 − 0.0033 = 0.98 in all
    expect([first.total, closing.total]).toEqual(["0.00", "0.98"]);
    expect(cents([jan!, feb!, first, closing])).toBe(100);
  });
});
