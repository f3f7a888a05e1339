import { describe, expect, it } from "vitest";
import {
  explain,
  type Invoice,
  type InvoiceWorkbook,
  invoiceWorkbook,
  rateClosingInvoice,
  rateProgressiveInvoice,
} from "../../../src/index.js";
import { closeAfterUse, REFUND_USAGE, refundsContract } from "../../_support/refundsContract.js";

// Why a progressive or closing invoice's amount due is not its total less its credits after tax, when a
// total below zero is the reason, said in the workbook as the text says it (the explanation's
// `amountDueWords`): rows "Why this amount due" after the amount due, each sentence in column F, text
// only. Before 7 December 2026 the sheet added the part a total below zero leaves out as a bare value.
// Usage at 1.00, refunds at -1.00, a wallet paid after tax (test/_support/refundsContract.ts).
const MARCH_10 = "2026-03-10T00:00:00Z";

// Lines to 3 decimals, the wallet carried in at 4.995. Invoice 1 (10 used, 30 refunded by 10 March):
// -20.00, nothing due. The month: 60 - 30 = 30.00, less 4.995 = 25.005 → 25.00 due (half-even). The
// close: 50.00 - 4.995 = 45.005; - 0.005 (rounding) = 45.00; - 20.00 (invoice 1's, not given back) =
// 25.00 = 25.00 so far - 0.00 made due earlier.
const prepaid = { creditBalances: { wallet: "4.995" } } as const;
const fineFirst = rateProgressiveInvoice(
  refundsContract({ lineDecimals: 3 }),
  REFUND_USAGE,
  "2026-03",
  MARCH_10,
  prepaid,
);
const fineClose = rateClosingInvoice(refundsContract({ lineDecimals: 3 }), REFUND_USAGE, "2026-03", {
  ...prepaid,
  earlier: [fineFirst],
});
const FINE_WORDS = [
  "It bills the period's amount due so far, $25.00, less the $0.00 the earlier invoices made due, and an amount due starts from zero when a total is below zero: nothing was due on the total below zero of ctr_refunds:2026-03-01:progressive-1 (-$20.00), so this invoice does not give it back.",
  "From the total $50.00: less $4.995 (Wallet, after tax) = $45.005; less $0.005 (rounding of the amount due) = $45.00; less $20.00 (the earlier total below zero, not given back) = $25.00, the amount due.",
];

// Invoice 1 (20 used by 10 March): 20.00 - 5.00 = 15.00 due. The month: 20 - 30 = -10.00, nothing due.
// The close: -30.00 + 10.00 (the period's -10.00, not due) = -20.00, + 5.00 (the wallet's, back) =
// -15.00 = 0.00 so far - 15.00 made due earlier.
const { first, closing: close } = closeAfterUse();
const CLOSE_WORDS = [
  "It bills the period's amount due so far, $0.00, less the $15.00 the earlier invoices made due, and an amount due starts from zero when a total is below zero: the period so far is below zero (-$10.00), so nothing is due for it, and what the earlier invoices made due is given back.",
  "From the total -$30.00: plus $10.00 (not due, below zero) = -$20.00; plus $5.00 (Wallet, after tax) = -$15.00, the amount due.",
];

// The step (column B) of each row from "Amount due" on, with its note (column F) and whether any of
// columns C, D, E holds something.
function fromAmountDue(book: InvoiceWorkbook): { step: string; note: string; figures: boolean }[] {
  const rows = book.rows.map((row) => {
    const [, step, quantity, price, amount, note] = row.cells;
    return {
      step: step?.kind === "text" ? step.text : "",
      note: note?.kind === "text" ? note.text : "",
      figures: [quantity, price, amount].some((cell) => cell !== undefined && cell !== null),
    };
  });
  return rows.slice(rows.findIndex((row) => row.step === "Amount due") + 1);
}

const why = (note: string) => ({ step: "Why this amount due", note, figures: false });
const amountDueWords = (invoice: Invoice) => JSON.parse(explain(invoice, { format: "json" })).amountDueWords;

describe("the workbook of an amount due set apart from the total by a total below zero", () => {
  it("says why 45.005 becomes 25.00 due after the amount due, as the explanation's amountDueWords", () => {
    expect([fineClose.total, fineClose.amountDue]).toEqual(["50.00", "25.00"]);
    expect(amountDueWords(fineClose)).toEqual(FINE_WORDS);
    expect(fromAmountDue(invoiceWorkbook(fineClose))).toEqual(FINE_WORDS.map(why));
  });

  it("says why -30.00 is due -15.00, before what is owed to the customer", () => {
    expect([close.total, close.amountDue]).toEqual(["-30.00", "-15.00"]);
    expect(amountDueWords(close)).toEqual(CLOSE_WORDS);
    const rows = fromAmountDue(invoiceWorkbook(close));
    expect(rows.slice(0, 2)).toEqual(CLOSE_WORDS.map(why));
    expect(rows.slice(2).map((row) => row.step)).toEqual(["Owed to the customer"]);
  });

  it("adds no such row where no total below zero plays a part: invoice 1 at 20.00, 15.00 due", () => {
    // 20 used at 1.00 = 20.00, less the wallet's 5.00 after tax = 15.00: the total less the credits.
    expect(first.amountDue).toBe("15.00");
    expect(fromAmountDue(invoiceWorkbook(first))).toEqual([]);
  });
});
