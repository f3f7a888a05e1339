import { describe, expect, it } from "vitest";
import { explain, explainText, rateClosingInvoice, rateProgressiveInvoice } from "../../src/index.js";
import { falseBelowZeroSums } from "../_laws/belowZeroArithmetic.js";
import { closeAfterUse, REFUND_USAGE, refundsContract, refundsEvent } from "../_support/refundsContract.js";

// Why a progressive or closing invoice's amount due is not its total less its credits after tax when a
// total below zero is the reason, in words and with the figures the waterfall's bars carry
// (docs/explain.md, "A total below zero in a progressive period"). Usage at 1.00, refunds at -1.00, a
// wallet paid after tax (test/_support/refundsContract.ts).
const march = (day: number) => `2026-03-${String(day).padStart(2, "0")}T00:00:00Z`;
const linesFrom = (text: string, start: string) => {
  const lines = text.split("\n");
  const at = lines.findIndex((line) => line.startsWith(start));
  return lines.slice(at, at + 2);
};

describe("the words of an amount due set apart from the total by a total below zero", () => {
  it("says why the close's 45.005 becomes 25.00 due: invoice 1's -20.00 was never due", () => {
    // Lines to 3 decimals, the wallet carried in at 4.995. Invoice 1 (10 used, 30 refunded by 10 March):
    // -20.00, nothing due. The month: 60 - 30 = 30.00, less 4.995 = 25.005 → 25.00 due (half-even). The
    // close: total 50.00, less the wallet's 4.995 = 45.005, its rounding -0.005 = 45.00, less invoice 1's
    // -20.00, not given back = 25.00 = 25.00 so far - 0.00 made due earlier. Before: "Amount due $25.00."
    // under "Wallet (after tax): -$4.995", with nothing saying where the other 20.00 went.
    const options = { creditBalances: { wallet: "4.995" } } as const;
    const contract = refundsContract({ lineDecimals: 3 });
    const first = rateProgressiveInvoice(contract, REFUND_USAGE, "2026-03", march(10), options);
    const closing = rateClosingInvoice(contract, REFUND_USAGE, "2026-03", { ...options, earlier: [first] });
    const text = explainText(closing);
    expect(linesFrom(text, "It bills the period's amount due")).toEqual([
      "It bills the period's amount due so far, $25.00, less the $0.00 the earlier invoices made due, and an amount due starts from zero when a total is below zero: nothing was due on the total below zero of ctr_refunds:2026-03-01:progressive-1 (-$20.00), so this invoice does not give it back.",
      "From the total $50.00: less $4.995 (Wallet, after tax) = $45.005; less $0.005 (rounding of the amount due) = $45.00; less $20.00 (the earlier total below zero, not given back) = $25.00, the amount due.",
    ]);
    expect(falseBelowZeroSums(text)).toEqual([]);
  });

  it("says the same in the Markdown, the HTML page and the explanation JSON", () => {
    // The close of the first case: 50.00 - 4.995 = 45.005; - 0.005 = 45.00; - 20.00 = 25.00 due. Until
    // 7 December 2026 only the text said it; the other formats showed the bars with no sentence.
    const options = { creditBalances: { wallet: "4.995" } } as const;
    const contract = refundsContract({ lineDecimals: 3 });
    const first = rateProgressiveInvoice(contract, REFUND_USAGE, "2026-03", march(10), options);
    const closing = rateClosingInvoice(contract, REFUND_USAGE, "2026-03", { ...options, earlier: [first] });
    const rule =
      "It bills the period's amount due so far, $25.00, less the $0.00 the earlier invoices made due, and an amount due starts from zero when a total is below zero: nothing was due on the total below zero of ctr_refunds:2026-03-01:progressive-1 (-$20.00), so this invoice does not give it back.";
    const walk =
      "From the total $50.00: less $4.995 (Wallet, after tax) = $45.005; less $0.005 (rounding of the amount due) = $45.00; less $20.00 (the earlier total below zero, not given back) = $25.00, the amount due.";
    const document = JSON.parse(explain(closing, { format: "json" }));
    expect(document.amountDueWords).toEqual([rule, walk]);
    // Markdown escapes the underscores of the id; the page escapes the apostrophe of "period's".
    const markdown = explain(closing, { format: "markdown" });
    expect(markdown).toContain(`${rule.replaceAll("_", "\\_")}\n\n${walk}\n`);
    const html = explain(closing, { format: "html" });
    expect(html).toContain(`<p class="amount-due-why">${rule.replaceAll("'", "&#39;")}</p>`);
    expect(html).toContain(`<p class="amount-due-why">${walk}</p>`);
    // an invoice where no total below zero plays a part (10.00 used, less 4.995 = 5.005 due) has neither
    const plain = rateClosingInvoice(contract, REFUND_USAGE.slice(0, 1), "2026-03", options);
    expect(JSON.parse(explain(plain, { format: "json" })).amountDueWords).toBeUndefined();
    expect(explain(plain, { format: "markdown" })).not.toContain("From the total");
  });

  it("says why the close's -30.00 is due -15.00: the period is below zero, what was made due comes back", () => {
    // Invoice 1: 20.00, 15.00 due after the wallet's 5.00. The month: -10.00, nothing due. The close:
    // -30.00 + 10.00 (the period's -10.00, not due) = -20.00, + 5.00 (the wallet's, back) = -15.00.
    const { closing } = closeAfterUse();
    const text = explainText(closing);
    expect(linesFrom(text, "It bills the period's amount due")).toEqual([
      "It bills the period's amount due so far, $0.00, less the $15.00 the earlier invoices made due, and an amount due starts from zero when a total is below zero: the period so far is below zero (-$10.00), so nothing is due for it, and what the earlier invoices made due is given back.",
      "From the total -$30.00: plus $10.00 (not due, below zero) = -$20.00; plus $5.00 (Wallet, after tax) = -$15.00, the amount due.",
    ]);
    expect(falseBelowZeroSums(text)).toEqual([]);
  });

  it("says a first invoice below zero owes nothing yet, and a close still below zero why nothing is due", () => {
    // Invoice 1: -20.00 lifted to 0.00. The close (15 used on the 20th): 15.00 of its own, the period
    // -5.00: 15.00 - 15.00 (against invoice 1's -20.00) = 0.00 due.
    const wallet = { creditBalances: { wallet: "5" } } as const;
    const usage = [...REFUND_USAGE.slice(0, 2), refundsEvent("u2", "use", 20, 15)];
    const contract = refundsContract();
    const first = rateProgressiveInvoice(contract, usage, "2026-03", march(10), wallet);
    expect(linesFrom(explainText(first), "It bills the period's amount due")).toEqual([
      "It bills the period's amount due so far, $0.00, less the $0.00 the earlier invoices made due, and an amount due starts from zero when a total is below zero: the period so far is below zero (-$20.00), so nothing is due and nothing is owed yet: the period goes on, its later invoices bill the period's amount due so far, and the closing invoice says what the customer is owed if the period ends below zero.",
      "From the total -$20.00: plus $20.00 (not due, below zero) = $0.00, the amount due.",
    ]);
    const closing = rateClosingInvoice(contract, usage, "2026-03", { ...wallet, earlier: [first] });
    const text = explainText(closing);
    expect(linesFrom(text, "It bills the period's amount due")).toEqual([
      "It bills the period's amount due so far, $0.00, less the $0.00 the earlier invoices made due, and an amount due starts from zero when a total is below zero: the period so far is still below zero (-$5.00), so nothing is due: this invoice's total only goes against the total below zero of ctr_refunds:2026-03-01:progressive-1 (-$20.00), on which nothing was due.",
      "From the total $15.00: less $15.00 (the earlier total below zero, not given back) = $0.00, the amount due.",
    ]);
  });
});
