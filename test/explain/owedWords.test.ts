import { describe, expect, it } from "vitest";
import { explain, explainText, rateInvoice } from "../../src/index.js";
import { feeBelowServiceCredit } from "../_support/contract.js";
import { closeAfterUse, refundsContract } from "../_support/refundsContract.js";

// What an invoice below zero owes the customer, said by the text and, since 7 December 2026, by the
// explanation JSON (`owedWords`), the Markdown and the HTML page too: before, a specialist reading the
// Markdown or the page of a close at -30.00 due -15.00 was not told the customer is owed 25.00.
const textLine = (text: string, part: string) => text.split("\n").find((line) => line.includes(part));

describe("what is owed to the customer, in every format of the explanation", () => {
  it("says the close's 25.00 owed in the JSON, the Markdown and the HTML, as the text does", () => {
    // Usage at 1.00, refunds at -1.00, a wallet of 5.00 paid after tax (test/_support/refundsContract.ts).
    // Invoice 1 (20 used by 10 March): 20.00, less the wallet's 5.00 = 15.00 due. The month: 20 - 30 =
    // -10.00. The close: total -10.00 - 20.00 = -30.00, due 0.00 - 15.00 = -15.00, the wallet's 5.00 back
    // to it. Owed: 15.00 (the amount due below zero) + 10.00 (the period's total below zero) = 25.00.
    const { closing } = closeAfterUse();
    expect([closing.total, closing.amountDue, closing.progressive?.credit]).toEqual([
      "-30.00",
      "-15.00",
      "25.00",
    ]);
    const sentence =
      "The period's charges fell below what earlier invoices billed: $25.00 is owed to the customer, to issue as a credit: $15.00, the amount due below zero (what the earlier invoices made due, given back: do not pay it back on top), and $10.00, the period's total below zero (-$10.00), on which nothing is due, as on an invoice billed alone. The Wallet's $5.00 goes back to the grant's balance, not to the customer.";
    expect(textLine(explainText(closing), "is owed to the customer")).toBe(sentence);
    expect(JSON.parse(explain(closing, { format: "json" })).owedWords).toEqual([sentence]);
    // The Markdown: a paragraph after the walk to the amount due (nothing in it is Markdown syntax).
    const markdown = explain(closing, { format: "markdown" });
    expect(markdown).toContain(`\n\n${sentence}\n\n## Line by line`);
    // The page: under the waterfall, its apostrophes escaped.
    const html = explain(closing, { format: "html" });
    expect(html).toContain(`<p class="owed">${sentence.replaceAll("'", "&#39;")}</p>\n</section>`);
    // The version stays 1: the field is additive.
    expect(JSON.parse(explain(closing, { format: "json" })).version).toBe(1);
  });

  it("says an invoice billed alone below zero owes its 5.00, in the JSON, the Markdown and the HTML", () => {
    // A fee of 10.00 and a service credit of -15.00: total 10.00 - 15.00 = -5.00, owed to the customer.
    const invoice = rateInvoice(feeBelowServiceCredit(), [], "2026-03");
    expect(invoice.total).toBe("-5.00");
    const sentence =
      "The total is below zero: nothing is due, and $5.00 is owed to the customer, to refund or to carry to a later invoice as a credit.";
    expect(JSON.parse(explain(invoice, { format: "json" })).owedWords).toEqual([sentence]);
    expect(explain(invoice, { format: "markdown" })).toContain(`\n\n${sentence}\n\n## Line by line`);
    expect(explain(invoice, { format: "html" })).toContain(`<p class="owed">${sentence}</p>`);
  });

  it("has no owedWords where nothing is owed: invoice 1 at 20.00 with 15.00 due", () => {
    // 20 used at 1.00 = 20.00, the wallet's 5.00 after tax: 15.00 due, nothing owed to the customer.
    const { first } = closeAfterUse();
    expect(first.amountDue).toBe("15.00");
    expect(JSON.parse(explain(first, { format: "json" })).owedWords).toBeUndefined();
    expect(explain(first, { format: "markdown" })).not.toContain("owed to the customer");
    expect(explain(first, { format: "html" })).not.toContain('class="owed"');
  });

  it("writes what is owed in the total's decimals when lines are finer: $25.00, not $25.000", () => {
    // The close of the first case with lines to 3 decimals: the same figures, -30.00 total, -15.00 due,
    // 15.00 + 10.00 = 25.00 owed, all settled to the currency's 2 decimals; the wallet's 5.000 is a
    // grant's figure, written in the line decimals as the text's wallet line writes it. Before: "$25.000
    // is owed … $15.000, … $10.000, the period's total below zero (-$10.000)" under "Total -$30.00.".
    const { closing } = closeAfterUse(refundsContract({ lineDecimals: 3 }));
    const text = explainText(closing);
    expect(text).toContain("Total -$30.00.\n");
    expect(text).toContain("Amount due -$15.00.\n");
    expect(textLine(text, "is owed to the customer")).toBe(
      "The period's charges fell below what earlier invoices billed: $25.00 is owed to the customer, to issue as a credit: $15.00, the amount due below zero (what the earlier invoices made due, given back: do not pay it back on top), and $10.00, the period's total below zero (-$10.00), on which nothing is due, as on an invoice billed alone. The Wallet's $5.000 goes back to the grant's balance, not to the customer.",
    );
  });
});
