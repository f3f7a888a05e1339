import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { creditNoteText } from "../../src/cli/creditNoteText.js";
import { invoiceSchema, issueCreditNote, rateInvoice } from "../../src/index.js";
import { fixtureContract } from "../_arbitraries/contracts.js";
import { falseCreditNoteSums, falseSettlements } from "../_laws/documentArithmetic.js";
import { buildContract, computeAndStorageUsage, flatCharge, walletAndTopUp } from "../_support/contract.js";

const WHOLE = [{ kind: "invoice", reason: "cancelled" }];

// cdn-basic's February invoice as issued (fixtures/cdn-basic/expected.json) and its contract.
function cdnBasicFebruary() {
  const text = readFileSync(
    join(import.meta.dirname, "..", "..", "fixtures", "cdn-basic", "expected.json"),
    "utf8",
  );
  return { contract: fixtureContract("cdn-basic"), invoice: invoiceSchema.parse(JSON.parse(text)) };
}

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

  it("says what the units left cost when an amount was credited before units are taken off", () => {
    // cdn-basic's bandwidth_na billed 61,400 GB for 3,656.00 (10,000 × 0.08 + 40,000 × 0.06 + 11,400 × 0.04
    // = 800 + 2,400 + 456). A goodwill note credits 456.00; a second takes 11,400 GB off, re-rating the
    // 50,000 GB kept at 800 + 2,400 = 3,200.00. The goodwill took no units off, so the 61,400 GB left still
    // cost 3,656.00 and the credit is 3,656.00 − 3,200.00 = 456.00. It read "456.00 USD credited of
    // 3656.00 billed (456.00 credited before); 11400 GB taken off, the rest re-rated at 3200.00": redone,
    // 3,656.00 − 456.00 − 3,200.00 = 0.00, not 456.00 (CI's fuzzing, seed −1303146385, found it).
    const { contract, invoice } = cdnBasicFebruary();
    const goodwill = issueCreditNote(contract, invoice, [
      { kind: "amount", line: "bandwidth_na", amount: "456.00", reason: "goodwill" },
    ]);
    const units = issueCreditNote(
      contract,
      invoice,
      [{ kind: "quantity", line: "bandwidth_na", quantity: "11400", reason: "double-counted edge logs" }],
      { previous: [goodwill] },
    );
    const text = creditNoteText(units);
    expect(text).toContain(
      "- Bandwidth (North America) (bandwidth_na): 456.00 USD credited of 3656.00 billed (456.00 credited before); 11400 GB taken off the units left, which cost 3656.00, the rest re-rated at 3200.00. Reason: double-counted edge logs.",
    );
    expect(falseCreditNoteSums(text)).toEqual([]);
    expect(falseCreditNoteSums(text.replace("which cost 3656.00", "which cost 3200.00"))).toHaveLength(1);
  });

  it("says what the units left cost after units were taken off in an earlier note", () => {
    // The docs' second note (docs/credit-notes.md, "Quantity, in a second note"): 11,400 GB off first
    // (456.00), then 10,000 GB more: the 50,000 GB left cost 3,200.00, the 40,000 GB kept 800 + 1,800 =
    // 2,600.00, a credit of 600.00, and 3,656.00 − 456.00 = 3,200.00 is what the units left cost.
    const { contract, invoice } = cdnBasicFebruary();
    const first = issueCreditNote(contract, invoice, [
      { kind: "quantity", line: "bandwidth_na", quantity: "11400", reason: "double-counted" },
    ]);
    const text = creditNoteText(
      issueCreditNote(
        contract,
        invoice,
        [{ kind: "quantity", line: "bandwidth_na", quantity: "10000", reason: "test traffic" }],
        { previous: [first] },
      ),
    );
    expect(text).toContain(
      "600.00 USD credited of 3656.00 billed (456.00 credited before); 10000 GB taken off the units left, which cost 3200.00, the rest re-rated at 2600.00. Reason: test traffic.",
    );
    expect(falseCreditNoteSums(text)).toEqual([]);
  });
});
