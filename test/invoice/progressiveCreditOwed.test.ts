import { describe, expect, it } from "vitest";
import { rateClosingInvoice, rateInvoice, rateProgressiveInvoice } from "../../src/index.js";
import {
  closeAfterUse,
  REFUND_AFTER_USE,
  REFUND_USAGE,
  refundsContract,
  refundsEvent,
} from "../_support/refundsContract.js";

// `progressive.credit` is what an invoice of a period billed progressively owes the customer, as money a
// billing system pays back or carries. With credits after tax the invoice has an amount due, which starts
// from zero when the period so far is below zero (docs/progressive-billing.md, "A total below zero"): the
// total below zero is then not what is owed. Usage at 1.00, refunds at -1.00, a wallet of 5.00 paid after
// tax (test/_support/refundsContract.ts).
const wallet = { creditBalances: { wallet: "5" } } as const;
const march = (day: number) => `2026-03-${String(day).padStart(2, "0")}T00:00:00Z`;

describe("what a progressive invoice with an amount due owes the customer", () => {
  it("owes the amount due given back and, on the close, the period's total below zero: 25.00, not 30.00", () => {
    // Invoice 1 (20 used by 10 March): 20.00, the wallet pays 5.00, the customer pays 15.00. The month:
    // 20 used, 30 refunded: -10.00, so the period owes nothing and, as an invoice billed alone at -10.00
    // would, owes the customer 10.00. The close: total -30.00, amount due 0 - 15.00 = -15.00 (the 15.00
    // paid, given back), the wallet's 5.00 back to its balance. Owed in money: 15.00 + 10.00 = 25.00.
    // The wallet's 5.00 is no money owed: it is in the wallet again. Before: 30.00 (-total), and the
    // explanation said to issue it as a credit beside an amount due of -15.00 that gives back 15.00.
    const contract = refundsContract();
    const { first, closing } = closeAfterUse(contract);
    expect([first.amountDue, closing.total, closing.amountDue]).toEqual(["15.00", "-30.00", "-15.00"]);
    expect(closing.credits?.[0]?.applied).toBe("5.00");
    expect(closing.progressive?.credit).toBe("25.00");
    // The same month as one invoice: -10.00, nothing due, 10.00 owed; 15.00 paid on invoice 1 back.
    const whole = rateInvoice(contract, REFUND_AFTER_USE, "2026-03", wallet);
    expect([whole.total, whole.amountDue]).toEqual(["-10.00", "0.00"]);
  });

  it("owes nothing on a progressive invoice below zero that made nothing due: the close does not give it back", () => {
    // Invoice 1 (10 used, 30 refunded by 10 March): -20.00, nothing due. The close bills the period's
    // 25.00 due (60 - 30 = 30.00, less the wallet's 5.00) less 0.00 made due earlier: 25.00. Paid over the
    // period: 0 + 25.00 = 25.00, the month's amount due. A credit of 20.00 on invoice 1, as before, would
    // have left the customer paying 25.00 - 20.00 = 5.00.
    const contract = refundsContract();
    const first = rateProgressiveInvoice(contract, REFUND_USAGE, "2026-03", march(10), wallet);
    const closing = rateClosingInvoice(contract, REFUND_USAGE, "2026-03", { ...wallet, earlier: [first] });
    expect([first.total, first.amountDue, closing.amountDue]).toEqual(["-20.00", "0.00", "25.00"]);
    expect(first.progressive?.credit).toBeUndefined();
    expect(closing.progressive?.credit).toBeUndefined();
  });

  it("owes the period's total below zero on a close whose own total is above zero", () => {
    // Invoice 1: -20.00, nothing due. The close (15 used on the 20th): 15.00 of its own, the period
    // -20.00 + 15.00 = -5.00, nothing due (0 - 0 = 0.00); the month ends owing the customer 5.00.
    const usage = [...REFUND_USAGE.slice(0, 2), refundsEvent("u2", "use", 20, 15)];
    const contract = refundsContract();
    const first = rateProgressiveInvoice(contract, usage, "2026-03", march(10), wallet);
    const closing = rateClosingInvoice(contract, usage, "2026-03", { ...wallet, earlier: [first] });
    expect([closing.total, closing.amountDue]).toEqual(["15.00", "0.00"]);
    expect(closing.progressive?.credit).toBe("5.00");
  });

  it("owes only the amount due given back on a progressive invoice the period goes on after", () => {
    // Invoice 1: 20.00, 15.00 due. Invoice 2 (as of the 25th, after 30 refunded on the 20th): the period
    // -10.00, nothing due: total -30.00, amount due -15.00: 15.00 owed now. The period's -10.00 is owed
    // only if it ends below zero, which the close says.
    const contract = refundsContract();
    const first = rateProgressiveInvoice(contract, REFUND_AFTER_USE, "2026-03", march(10), wallet);
    const second = rateProgressiveInvoice(contract, REFUND_AFTER_USE, "2026-03", march(25), {
      ...wallet,
      earlier: [first],
    });
    expect([second.total, second.amountDue]).toEqual(["-30.00", "-15.00"]);
    expect(second.progressive?.credit).toBe("15.00");
  });
});
