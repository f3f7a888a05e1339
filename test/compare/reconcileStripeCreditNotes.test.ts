import { describe, expect, it } from "vitest";
import { fromCsvInvoice, fromStripeInvoice, reconcile, renderReconcile } from "../../src/compare/index.js";
import { isRatecardError, rateInvoice } from "../../src/index.js";
import { meteredEvent } from "../_support/contract.js";
import { creditNoteExampleContract } from "./creditNoteExample.js";

// The worked example of docs/diff-and-reconcile.md, "Credit notes issued against the invoice", issued
// from Stripe: a platform fee of 100.00 and egress at 0.05 a GB, 20 % VAT added per line. Stripe issued
// February for 3,000 GB (1,000 counted twice): 100.00 + 150.00 = 250.00, VAT 50.00, total 300.00; the
// recomputation from the true 2,000 GB: 100.00 + 100.00 = 200.00, VAT 40.00, total 240.00.
const contract = creditNoteExampleContract();
const recomputed = rateInvoice(contract, [meteredEvent("e1", "2000")], "2026-02");

// Stripe's Invoice object, amounts in cents (docs.stripe.com/api/invoices/object). A credit note of 60.00
// issued while it was open took 60.00 off its amount_due (300.00 → 240.00), which Stripe counts in
// pre_payment_credit_notes_amount; its total stays 300.00.
const stripeInvoice = {
  object: "invoice",
  id: "in_feb",
  currency: "usd",
  lines: {
    object: "list",
    has_more: false,
    data: [
      {
        id: "il_platform",
        description: "Platform fee",
        amount: 10000,
        quantity: 1,
        price: { unit_amount: 10000 },
      },
      {
        id: "il_egress",
        description: "Egress",
        amount: 15000,
        quantity: 3000,
        price: { unit_amount_decimal: "5" },
      },
    ],
  },
  subtotal: 25000,
  tax: 5000,
  total: 30000,
  amount_due: 24000,
  pre_payment_credit_notes_amount: 6000,
  post_payment_credit_notes_amount: 0,
};

// Stripe's CreditNote object (docs.stripe.com/api/credit_notes/object): 1,000 GB off the egress line at
// its price, 0.05 (5 cents): 1,000 × 5 = 5,000 cents, VAT 1,000, total 6,000.
const unitsNote = {
  object: "credit_note",
  id: "cn_units",
  invoice: "in_feb",
  currency: "usd",
  status: "issued",
  type: "pre_payment",
  reason: "duplicate",
  lines: {
    object: "list",
    has_more: false,
    data: [
      {
        object: "credit_note_line_item",
        type: "invoice_line_item",
        invoice_line_item: "il_egress",
        description: "Egress",
        amount: 5000,
        quantity: 1000,
        unit_amount_decimal: "5",
        discount_amount: 0,
        tax_amounts: [{ amount: 1000, inclusive: false }],
      },
    ],
  },
  subtotal: 5000,
  tax_amounts: [{ amount: 1000, inclusive: false }],
  discount_amount: 0,
  total: 6000,
  amount: 6000,
};

// A goodwill credit of 20.00 on the platform fee, by amount: Stripe writes it as quantity 1 at 20.00,
// which is no unit of the line (priced 100.00); + VAT 4.00 = 24.00.
const goodwillNote = {
  ...unitsNote,
  id: "cn_goodwill",
  reason: "product_unsatisfactory",
  lines: {
    object: "list",
    has_more: false,
    data: [
      {
        type: "invoice_line_item",
        invoice_line_item: "il_platform",
        description: "Platform fee",
        amount: 2000,
        quantity: 1,
        unit_amount: 2000,
        discount_amount: 0,
      },
    ],
  },
  subtotal: 2000,
  tax_amounts: [{ amount: 400, inclusive: false }],
  total: 2400,
  amount: 2400,
};

const issued = fromStripeInvoice(stripeInvoice);

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isRatecardError(error)) return { code: error.code, path: error.path, message: error.message };
    throw error;
  }
  throw new Error("not refused");
}

describe("reconcile a Stripe invoice with its Stripe credit notes", () => {
  it("reports the credited units again without the note, the amount due as issued, and a sentence on the notes", () => {
    // Egress 100.00 − 150.00 = −50.00 (usage), VAT 40.00 − 50.00 = −10.00. The amount due is read as
    // issued, 240.00 + the 60.00 the note took off = 300.00: no "credits after tax" of 60.00.
    const result = reconcile(issued, recomputed);
    expect(result.discrepancies.map((d) => [d.cause, d.amount])).toEqual([
      ["usage", "-50.00"],
      ["tax", "-10.00"],
    ]);
    expect(result.notes).toEqual([
      "Stripe says credit notes took 60.00 off this invoice (pre_payment_credit_notes_amount 60.00, post_payment_credit_notes_amount 0.00), and none was given: give them (--credit-note) to reconcile the invoice net of them.",
    ]);
  });

  it("takes the note off: 2,000 GB and 100.00 of egress, VAT 40.00, total 240.00, nothing to report", () => {
    // Egress 3,000 − 1,000 = 2,000 GB, 150.00 − 50.00 = 100.00; VAT 50.00 − 10.00 = 40.00; total
    // 300.00 − 60.00 = 240.00; amount due 300.00 − 60.00 = 240.00, the recomputation's.
    const result = reconcile(issued, recomputed, { creditNotes: [unitsNote] });
    expect(result.discrepancies).toEqual([]);
    expect(result.issuedTotal).toBe("240.00");
    expect(result.notes).toBeUndefined();
    expect(result.creditNotes).toEqual({
      issuedTotalBeforeNotes: "300.00",
      credited: "60.00",
      notes: [
        {
          id: "cn_units",
          total: "60.00",
          // 50.00 + its VAT, 10.00 (Stripe's total_taxes), = 60.00
          tax: { mode: "exclusive", total: "10.00" },
          lines: [{ corrects: "il_egress", name: "Egress", amount: "50.00" }],
        },
      ],
    });
    expect(renderReconcile(result, "text")).toBe(
      [
        "Issued total 240.00 (300.00 less 60.00 of credit notes), recomputed 240.00 USD; 2 lines matched.",
        "Net of credit note cn_units: 60.00 USD credited, 10.00 of it tax added to the lines; lines Egress (il_egress) 50.00.",
        "The issued invoice agrees with the recomputation.",
        "",
      ].join("\n"),
    );
  });

  it("says the units a Stripe note took off are units: Stripe's note line names no unit", () => {
    // Against the 3,000 GB issued (150.00 of egress), net of the note 2,000 = 100.00: +50.00, and the
    // sentence keeps "units" (a ratecard note names the line's own unit, docs/credit-notes.md).
    const asIssued = rateInvoice(contract, [meteredEvent("e1", "3000")], "2026-02");
    const egress = reconcile(issued, asIssued, { creditNotes: [unitsNote] }).discrepancies.find(
      (d) => d.line === "egress",
    );
    expect(egress?.sentence).toContain(
      "Issued net of credit note cn_units: 150.00 less 50.00 credited (1000 units taken off).",
    );
  });

  it("names a credit of an amount the recomputation does not bear out a credit_note, the line's units untouched", () => {
    // Platform fee 100.00 − 20.00 = 80.00 against 100.00: +20.00, at 1 unit still (quantity 1 of the
    // note is 20.00 a unit, not the line's 100.00); VAT 50.00 − 10.00 − 4.00 = 36.00 against 40.00: +4.00.
    const result = reconcile(issued, recomputed, { creditNotes: [unitsNote, goodwillNote] });
    expect(result.discrepancies.map((d) => [d.cause, d.amount, d.issued?.quantity])).toEqual([
      ["credit_note", "20.00", "1"],
      ["tax", "4.00", undefined],
    ]);
    expect(result.issuedTotal).toBe("216.00");
  });

  it("names a note line without a description as the invoice line it credits", () => {
    const bare = {
      ...unitsNote,
      lines: { data: [{ ...unitsNote.lines.data[0], description: null }] },
    };
    const result = reconcile(issued, recomputed, { creditNotes: [bare] });
    expect(result.creditNotes?.notes[0]?.lines).toEqual([
      { corrects: "il_egress", name: "Egress", amount: "50.00" },
    ]);
  });

  it("reads a newer API version's total_taxes as it reads tax_amounts", () => {
    const newer = {
      ...unitsNote,
      tax_amounts: undefined,
      total_taxes: [{ amount: 1000, tax_behavior: "exclusive", taxable_amount: 5000 }],
    };
    expect(reconcile(issued, recomputed, { creditNotes: [newer] }).discrepancies).toEqual([]);
  });

  it("refuses a note of another invoice, in another currency, voided, given twice, or of a custom line", () => {
    expect(
      refusal(() => reconcile(issued, recomputed, { creditNotes: [{ ...unitsNote, invoice: "in_jan" }] })),
    ).toEqual({
      code: "credit_note_mismatch",
      path: "options.creditNotes[0].invoice",
      message:
        "Credit note cn_units credits Stripe invoice in_jan, but the issued invoice is in_feb; give only the credit notes issued against the invoice being reconciled.",
    });
    // An expanded invoice object names its id.
    expect(
      reconcile(issued, recomputed, {
        creditNotes: [{ ...unitsNote, invoice: { id: "in_feb", object: "invoice" } }],
      }).discrepancies,
    ).toEqual([]);
    expect(
      refusal(() => reconcile(issued, recomputed, { creditNotes: [{ ...unitsNote, currency: "eur" }] })),
    ).toMatchObject({
      code: "currency_mismatch",
      path: "options.creditNotes[0].currency",
    });
    expect(
      refusal(() => reconcile(issued, recomputed, { creditNotes: [{ ...unitsNote, status: "void" }] })),
    ).toEqual({
      code: "invalid_argument",
      path: "options.creditNotes[0].status",
      message: "Credit note cn_units is void: Stripe voided it, so it credits nothing; leave it out.",
    });
    expect(
      refusal(() => reconcile(issued, recomputed, { creditNotes: [unitsNote, unitsNote] })),
    ).toMatchObject({
      code: "duplicate_id",
      path: "options.creditNotes[1].id",
    });
    const custom = {
      ...goodwillNote,
      lines: {
        has_more: false,
        data: [{ type: "custom_line_item", description: "Apology", amount: 2000, quantity: 1 }],
      },
    };
    expect(refusal(() => reconcile(issued, recomputed, { creditNotes: [custom] }))).toEqual({
      code: "invalid_argument",
      path: "options.creditNotes[0].lines.data[0].type",
      message:
        'Credit note cn_goodwill line 1 ("Apology", 20.00) is a custom line: it credits no line of the invoice, and ratecard cannot say which line it corrects. Reconcile without this note; what it credited (24.00, tax included) is then part of the difference between the totals.',
    });
    const truncated = { ...unitsNote, lines: { ...unitsNote.lines, has_more: true } };
    expect(refusal(() => reconcile(issued, recomputed, { creditNotes: [truncated] }))).toMatchObject({
      code: "invalid_argument",
      path: "options.creditNotes[0].lines.has_more",
    });
  });

  it("refuses a Stripe note beside an issued invoice that is not Stripe's: its line ids name Stripe's lines", () => {
    const csv = fromCsvInvoice("Item,Total\nPlatform fee,100.00\nEgress,150.00\n", {
      description: "Item",
      amount: "Total",
    });
    expect(refusal(() => reconcile(csv, recomputed, { creditNotes: [unitsNote] }))).toMatchObject({
      code: "credit_note_mismatch",
      path: "options.creditNotes[0].invoice",
    });
  });

  it("names the field of a Stripe note it cannot read, under the note's path", () => {
    const { total: _total, amount: _amount, ...withoutTotal } = unitsNote;
    expect(refusal(() => reconcile(issued, recomputed, { creditNotes: [withoutTotal] }))).toMatchObject({
      code: "missing_field",
      path: "options.creditNotes[0].total",
    });
  });
});
