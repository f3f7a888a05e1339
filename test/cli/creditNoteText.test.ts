import { describe, expect, it } from "vitest";
import { creditNoteText } from "../../src/cli/creditNoteText.js";
import { issueCreditNote, rateInvoice } from "../../src/index.js";
import { falseCreditNoteSums, falseSettlements } from "../_laws/documentArithmetic.js";
import { buildContract, computeAndStorageUsage, flatCharge, walletAndTopUp } from "../_support/contract.js";

const WHOLE = [{ kind: "invoice", reason: "cancelled" }];

describe("the text of ratecard credit-note: its sums can be redone", () => {
  it("says that tax included in the prices is inside the subtotal", () => {
    const contract = buildContract({
      charges: [flatCharge("platform", "Platform", "120")],
      tax: { mode: "inclusive", rounding: "per_invoice", rates: [{ id: "vat", name: "VAT", percent: "20" }] },
    });
    const note = issueCreditNote(contract, rateInvoice(contract, [], "2026-03"), WHOLE);
    // 120.00 includes VAT 20 %: 120.00 − 120.00 ÷ 1.2 = 120.00 − 100.00 = 20.00, so the note credits
    // 120.00, not 120.00 + 20.00 = 140.00 as "Tax credited: 20.00 USD." under the subtotal read
    const text = creditNoteText(note);
    expect(text).toContain(
      "Subtotal 120.00.\nTax credited: 20.00 USD, included in the subtotal.\nTotal credited 120.00 USD.",
    );
    expect(falseCreditNoteSums(text)).toEqual([]);
  });

  it("says how the total was rounded when lines are finer than the currency", () => {
    const contract = buildContract({
      charges: [flatCharge("platform", "Platform", "10.005")],
      rounding: { mode: "half_even", lineDecimals: 3 },
    });
    const note = issueCreditNote(contract, rateInvoice(contract, [], "2026-03"), WHOLE);
    // the line keeps 10.005; the total is rounded half-even to cents: 10.005 → 10.00, an adjustment of
    // 10.00 − 10.005 = −0.005. It read "Subtotal 10.005. Total credited 10.00 USD.", 0.005 unexplained
    const text = creditNoteText(note);
    expect(text).toContain(
      "Subtotal 10.005.\nTotal before rounding 10.005 USD, rounded to 2 decimals: a rounding adjustment of -0.005 USD.\nTotal credited 10.00 USD.",
    );
    expect(falseCreditNoteSums(text)).toEqual([]);
  });

  it("says the money before rounding on the note that completes an invoice whose amount due was rounded", () => {
    const contract = walletAndTopUp();
    // Total 26.01; the top-up pays 1.0000, the wallet 25.0060; due 26.01 − 26.0060 = 0.0040 → 0.00.
    const invoice = rateInvoice(contract, computeAndStorageUsage("26.01", "0"), "2026-03", {
      creditBalances: { topup: "1", wallet: "25.0060" },
    });
    const text = creditNoteText(issueCreditNote(contract, invoice, WHOLE));
    // 0.00 + 1.0000 + 25.0060 = 25.0060 is not 26.01: the money before rounding, 26.01 − 26.0060 =
    // 0.0040, is, and 0.0040 − 0.0040 = 0.00. Before, the top-up got 1.0040 and no rounding was said.
    expect(text).toContain(
      "Of the 26.01 USD credited: 0.00 USD as money (refunded, or taken off what is due), 1.0000 USD back to Top-up (topup), 25.0060 USD back to Wallet (wallet).\nMoney before rounding 0.0040 USD, rounded to 0.00 USD as the invoice's amount due was: a rounding adjustment of -0.0040 USD.\n",
    );
    expect(falseSettlements(text)).toEqual([]);
    expect(falseSettlements(text.replace("of -0.0040 USD", "of -0.0050 USD"))).toHaveLength(1);
    expect(falseSettlements(text.replace("0.0040 USD, rounded", "0.0030 USD, rounded"))).toHaveLength(2);
  });
});
