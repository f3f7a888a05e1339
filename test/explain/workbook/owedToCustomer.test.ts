import { describe, expect, it } from "vitest";
import { type InvoiceWorkbook, invoiceWorkbook, rateInvoice } from "../../../src/index.js";
import { feeBelowServiceCredit } from "../../_support/contract.js";
import { closeAfterUse } from "../../_support/refundsContract.js";
import { calcValuesOf, expectCalcMatches } from "./workbookHelpers.js";

// What an invoice below zero owes the customer, said in the workbook as the text says it: a row "Owed to
// the customer" after the amount due, the sentence in column F (docs/explain.md, "Excel workbook").
// Before 7 December 2026 the sheet showed the figures (a total of -30.00, an amount due of -15.00) and
// no word of the 25.00 owed. LibreOffice Calc reads the .xlsx back (one run for the file).
const CALC_TIMEOUT = 180_000;

// A fee of 10.00 and a service credit of -15.00: total 10.00 - 15.00 = -5.00, owed to the customer.
const alone = rateInvoice(feeBelowServiceCredit(), [], "2026-03");
const ALONE_OWED =
  "The total is below zero: nothing is due, and $5.00 is owed to the customer, to refund or to carry to a later invoice as a credit.";

// Usage at 1.00, refunds at -1.00, a wallet of 5.00 paid after tax (test/_support/refundsContract.ts).
// Invoice 1 (20 used by 10 March): 20.00 - 5.00 = 15.00 due. The month: 20 - 30 = -10.00. The close:
// total -10.00 - 20.00 = -30.00, due 0.00 - 15.00 = -15.00, the wallet's 5.00 back to it. Owed: 15.00
// (the amount due below zero) + 10.00 (the period's total below zero) = 25.00.
const { first, closing } = closeAfterUse();
const CLOSE_OWED =
  "The period's charges fell below what earlier invoices billed: $25.00 is owed to the customer, to issue as a credit: $15.00, the amount due below zero (what the earlier invoices made due, given back: do not pay it back on top), and $10.00, the period's total below zero (-$10.00), on which nothing is due, as on an invoice billed alone. The Wallet's $5.00 goes back to the grant's balance, not to the customer.";

// The sheet rows (row 1 holds the headers) whose step is "Owed to the customer", and their column F.
function owedRows(book: InvoiceWorkbook): { row: number; note: string }[] {
  return book.rows.flatMap((row, at) => {
    const [, step, , , , note] = row.cells;
    return step?.kind === "text" && step.text === "Owed to the customer"
      ? [{ row: at + 2, note: note?.kind === "text" ? note.text : "" }]
      : [];
  });
}

describe("the workbook of an invoice that owes the customer money", () => {
  it("says the -5.00 invoice's 5.00 and the close's 25.00 are owed, as the last row, read back by Calc", {
    timeout: CALC_TIMEOUT,
  }, async () => {
    expect([alone.total, alone.amountDue]).toEqual(["-5.00", undefined]);
    expect([closing.total, closing.amountDue, closing.progressive?.credit]).toEqual([
      "-30.00",
      "-15.00",
      "25.00",
    ]);
    const books = new Map([
      ["alone", invoiceWorkbook(alone)],
      ["closing", invoiceWorkbook(closing)],
    ]);
    const last = (book: InvoiceWorkbook) => book.rows.length + 1;
    expect(owedRows(books.get("alone")!)).toEqual([{ row: last(books.get("alone")!), note: ALONE_OWED }]);
    expect(owedRows(books.get("closing")!)).toEqual([{ row: last(books.get("closing")!), note: CLOSE_OWED }]);
    const values = await calcValuesOf(books);
    // As Calc shows it; the reader drops every comma (it reads numbers with thousands separators).
    const shown = (text: string) => text.replaceAll(",", "");
    expect(values.get("alone")!(`F${last(books.get("alone")!)}`)).toBe(shown(ALONE_OWED));
    expect(values.get("closing")!(`F${last(books.get("closing")!)}`)).toBe(shown(CLOSE_OWED));
    // and the figures are the invoice's still
    for (const [name, book] of books) expectCalcMatches(name, book, values.get(name)!);
  });

  it("has no such row where nothing is owed: invoice 1 at 20.00 with 15.00 due", () => {
    // 20 used at 1.00 = 20.00, the wallet's 5.00 after tax: 15.00 due, nothing owed to the customer.
    expect(first.amountDue).toBe("15.00");
    expect(owedRows(invoiceWorkbook(first))).toEqual([]);
  });
});
