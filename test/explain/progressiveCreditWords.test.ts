import { describe, expect, it } from "vitest";
import { explainText, rateProgressiveInvoice } from "../../src/index.js";
import { closeAfterUse, REFUND_USAGE, refundsContract } from "../_support/refundsContract.js";

// What the explanation of a progressive or closing invoice says the customer is owed (`progressive.credit`,
// docs/progressive-billing.md, "A total below zero"): with credits after tax, the amount due below zero
// and, on the close, the period's total below zero; never what a credit grant got back. Usage at 1.00,
// refunds at -1.00, a wallet of 5.00 paid after tax (test/_support/refundsContract.ts).
const wallet = { creditBalances: { wallet: "5" } } as const;
const owedLine = (text: string) => text.split("\n").find((line) => line.includes("is owed to the customer"));

describe("what a progressive invoice's explanation says is owed to the customer", () => {
  it("splits the close's 25.00: 15.00 given back as the amount due, 10.00 the period's total below zero", () => {
    // Invoice 1: 20.00, the wallet 5.00, 15.00 paid. The month: 20 - 30 = -10.00. The close: total
    // -30.00, amount due 0 - 15.00 = -15.00, the wallet's 5.00 back to it. Owed: 15.00 + 10.00 = 25.00.
    // Before: "$30.00 is owed to the customer, to issue as a credit", beside an amount due of -$15.00.
    const { closing } = closeAfterUse();
    expect(owedLine(explainText(closing))).toBe(
      "The period's charges fell below what earlier invoices billed: $25.00 is owed to the customer, to issue as a credit: $15.00, the amount due below zero (what the earlier invoices made due, given back: do not pay it back on top), and $10.00, the period's total below zero (-$10.00), on which nothing is due, as on an invoice billed alone. The Wallet's $5.00 goes back to the grant's balance, not to the customer.",
    );
  });

  it("says nothing is owed on a first progressive invoice below zero that made nothing due", () => {
    // Invoice 1 (10 used, 30 refunded by 10 March): -20.00, nothing due; the close bills the period's
    // 25.00 due in full, so the -20.00 is owed to no one. Before: "$20.00 is owed to the customer".
    const contract = refundsContract();
    const first = rateProgressiveInvoice(contract, REFUND_USAGE, "2026-03", "2026-03-10T00:00:00Z", wallet);
    expect(owedLine(explainText(first))).toBeUndefined();
  });

  it("keeps -total, owed as a credit, on an invoice without an amount due, naming no earlier invoices when there are none", () => {
    // No credit grant: invoice 1 at -20.00 bills -20.00, a credit of 20.00 owed now.
    const contract = { ...refundsContract(), credits: [] };
    const first = rateProgressiveInvoice(contract, REFUND_USAGE, "2026-03", "2026-03-10T00:00:00Z");
    expect(first.amountDue).toBeUndefined();
    expect(owedLine(explainText(first))).toBe(
      "The period's charges so far are below zero: $20.00 is owed to the customer, to issue as a credit.",
    );
  });
});
