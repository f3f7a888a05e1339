import { describe, expect, it } from "vitest";
import {
  type Invoice,
  issueCreditNote,
  parseInvoice,
  rateClosingInvoice,
  rateProgressiveInvoice,
} from "../../src/invoice/index.js";
import type { CreditNote } from "../../src/schema/index.js";
import { buildContract, sumMeter, usageEvent } from "../_support/contract.js";
import { PROGRESSIVE_EXAMPLE_CHARGES } from "../_support/progressiveExample.js";

// The worked example of docs/progressive-billing.md (bandwidth 0–1,000 GB at 0.10, above at 0.05; a
// platform fee of 20.00 at the close), where 300 GB of the 800 GB of 5 March were counted twice: the
// true usage is 500 GB on the 5th, 600 GB on the 15th, 100 GB on the 25th, 1,200 GB in all, which costs
// 1,000 × 0.10 + 200 × 0.05 = 110.00 + 20.00 = 130.00 for the month.
const contract = buildContract({ meters: [sumMeter("gb")], charges: PROGRESSIVE_EXAMPLE_CHARGES });
const taxed = buildContract({
  meters: [sumMeter("gb")],
  charges: PROGRESSIVE_EXAMPLE_CHARGES,
  tax: { mode: "exclusive", rounding: "per_invoice", rates: [{ id: "vat", name: "VAT", percent: "20" }] },
});
const TRUE_USAGE = [
  usageEvent("a", "gb", "2026-03-05T10:00:00Z", { v: "500" }),
  usageEvent("b", "gb", "2026-03-15T10:00:00Z", { v: "600" }),
  usageEvent("c", "gb", "2026-03-25T10:00:00Z", { v: "100" }),
];
const WRONG = usageEvent("twice", "gb", "2026-03-05T10:00:00Z", { v: "300" });
const WITH_WRONG = [...TRUE_USAGE, WRONG];
const takeOff = (on: Invoice, quantity: string, previous: CreditNote[] = [], of = contract) =>
  issueCreditNote(of, on, [{ kind: "quantity", line: "bw", quantity, reason: "counted twice" }], {
    previous,
  });
const totals = (documents: ReadonlyArray<{ total: string }>) =>
  documents.reduce((sum, document) => sum + Math.round(Number(document.total) * 100), 0) / 100;
const bw = (invoice: Invoice) => invoice.lines.find((line) => line.id === "bw");

describe("a later invoice of the period counts the credit notes of the earlier ones", () => {
  it("a note that took units off the first invoice lowers what it billed: the month bills the true usage", () => {
    const first = rateProgressiveInvoice(contract, WITH_WRONG, "2026-03", "2026-03-10");
    // 800 GB × 0.10 = 80.00; the note keeps 500 GB (50.00) and credits 80.00 − 50.00 = 30.00
    const note = takeOff(first, "300");
    expect([first.total, note.total]).toEqual(["80.00", "30.00"]);
    const second = rateProgressiveInvoice(contract, TRUE_USAGE, "2026-03", "2026-03-20", {
      earlier: [first],
      creditNotes: [note],
    });
    // 1,100 GB so far: 100.00 + 100 × 0.05 = 105.00, less what the first billed after the note,
    // 80.00 − 30.00 = 50.00 (800 − 300 = 500 GB): 600 GB, 55.00 (without the note: 105 − 80 = 25.00)
    expect([bw(second)?.quantity, bw(second)?.amount, second.total]).toEqual(["600", "55.00", "55.00"]);
    const closing = rateClosingInvoice(contract, TRUE_USAGE, "2026-03", {
      earlier: [first, second],
      creditNotes: [note],
    });
    // 1,200 GB: 110.00 + 20.00 = 130.00, less 50.00 + 55.00 = 105.00: 25.00 (bandwidth 100 GB, 5.00)
    expect([bw(closing)?.quantity, bw(closing)?.amount, closing.total]).toEqual(["100", "5.00", "25.00"]);
    // 80.00 − 30.00 + 55.00 + 25.00 = 130.00, the true month
    expect(totals([first, second, closing]) - totals([note])).toBe(130);
    expect(closing.progressive).toMatchObject({
      billedEarlier: { subtotal: "135.00", total: "135.00" },
      creditNotes: [{ id: note.id, invoiceId: first.id, kind: "units", total: "30.00" }],
      unitsCredited: { subtotal: "30.00", total: "30.00" },
      cumulative: { total: "130.00" },
    });
    // read back as ratecard wrote it (digest checked), the record included
    expect(parseInvoice(JSON.parse(JSON.stringify(closing)))).toEqual(closing);
    // the line's billed_earlier step says what was billed net of the units taken off
    expect(bw(closing)?.steps.at(-1)).toMatchObject({
      kind: "billed_earlier",
      quantity: "1100",
      amount: "-105.00",
    });
  });

  it("a note of the second invoice, issued after it: the close does not credit its 15.00 a second time", () => {
    const first = rateProgressiveInvoice(contract, WITH_WRONG, "2026-03", "2026-03-10");
    const second = rateProgressiveInvoice(contract, WITH_WRONG, "2026-03", "2026-03-20", {
      earlier: [first],
    });
    // the second bills 1,400 − 800 = 600 GB, 120.00 − 80.00 = 40.00; 300 GB off keeps
    // rate(800 + 300) − 80.00 = 105.00 − 80.00 = 25.00 and credits 15.00
    const note = takeOff(second, "300");
    expect([second.total, note.total]).toEqual(["40.00", "15.00"]);
    const closing = rateClosingInvoice(contract, TRUE_USAGE, "2026-03", {
      earlier: [first, second],
      creditNotes: [note],
    });
    // 130.00 less 80.00 + (40.00 − 15.00) = 105.00: 25.00. Without the note the close subtracted 120.00
    // and billed 10.00: the month came to 80 + 40 − 15 + 10 = 115.00, the 15.00 credited twice.
    expect(closing.total).toBe("25.00");
    expect(totals([first, second, closing]) - totals([note])).toBe(130);
  });

  it("with VAT 20 %: the note's tax comes off what was billed too", () => {
    const first = rateProgressiveInvoice(taxed, WITH_WRONG, "2026-03", "2026-03-10");
    const note = takeOff(first, "300", [], taxed);
    // 80.00 + 16.00 = 96.00; the note 30.00 + 6.00 = 36.00
    expect([first.total, note.total]).toEqual(["96.00", "36.00"]);
    const second = rateProgressiveInvoice(taxed, TRUE_USAGE, "2026-03", "2026-03-20", {
      earlier: [first],
      creditNotes: [note],
    });
    // 105.00 + 21.00 = 126.00 less 96.00 − 36.00 = 60.00 (tax 16.00 − 6.00 = 10.00): 55.00 + 11.00 = 66.00
    expect([second.tax?.total, second.total]).toEqual(["11.00", "66.00"]);
    const closing = rateClosingInvoice(taxed, TRUE_USAGE, "2026-03", {
      earlier: [first, second],
      creditNotes: [note],
    });
    // 130.00 + 26.00 = 156.00 less 60.00 + 66.00 = 126.00: 30.00 (25.00 + 5.00 VAT)
    expect([closing.tax?.total, closing.tax?.rates[0]?.base, closing.total]).toEqual([
      "5.00",
      "25.00",
      "30.00",
    ]);
    // 96 − 36 + 66 + 30 = 156.00, the true month with its VAT
    expect(totals([first, second, closing]) - totals([note])).toBe(156);
  });

  it("a goodwill credit of an amount stays credited: the close subtracts what was billed, as issued", () => {
    const first = rateProgressiveInvoice(contract, TRUE_USAGE, "2026-03", "2026-03-10");
    const goodwill = issueCreditNote(contract, first, [
      { kind: "amount", line: "bw", amount: "10.00", reason: "goodwill" },
    ]);
    const closing = rateClosingInvoice(contract, TRUE_USAGE, "2026-03", {
      earlier: [first],
      creditNotes: [goodwill],
    });
    // 130.00 less the 50.00 billed (500 GB): 80.00; the customer pays 50 − 10 + 80 = 120.00 = 130.00 − 10.00
    expect(closing.total).toBe("80.00");
    expect(totals([first, closing]) - totals([goodwill])).toBe(120);
    expect(closing.progressive).toMatchObject({
      creditNotes: [{ kind: "amount", total: "10.00" }],
      unitsCredited: { subtotal: "0.00", total: "0.00" },
    });
  });

  it("without notes the invoice is written as before: no creditNotes, no unitsCredited", () => {
    const first = rateProgressiveInvoice(contract, TRUE_USAGE, "2026-03", "2026-03-10");
    const closing = rateClosingInvoice(contract, TRUE_USAGE, "2026-03", {
      earlier: [first],
      creditNotes: [],
    });
    expect(closing).toEqual(rateClosingInvoice(contract, TRUE_USAGE, "2026-03", { earlier: [first] }));
    expect(closing.progressive).not.toHaveProperty("creditNotes");
  });
});

describe("the credit notes of the earlier invoices are checked", () => {
  const first = () => rateProgressiveInvoice(contract, WITH_WRONG, "2026-03", "2026-03-10");
  const closeWith = (earlier: Invoice[], creditNotes: unknown) => () =>
    rateClosingInvoice(contract, TRUE_USAGE, "2026-03", { earlier, creditNotes } as never);

  it("refuses creditNotes that is not a list", () => {
    expect(closeWith([first()], { id: "x" })).toThrow(
      expect.objectContaining({ code: "invalid_argument", path: "options.creditNotes" }),
    );
  });

  it("refuses a note of an invoice that is not among the earlier ones", () => {
    const invoice = first();
    const note = takeOff(invoice, "300");
    expect(closeWith([], [note])).toThrow(
      expect.objectContaining({ code: "credit_note_mismatch", path: "options.creditNotes[0].invoiceId" }),
    );
  });

  it("refuses a note given twice, and an edited one", () => {
    const invoice = first();
    const note = takeOff(invoice, "300");
    expect(closeWith([invoice], [note, note])).toThrow(
      expect.objectContaining({ code: "duplicate_id", path: "options.creditNotes[1].id" }),
    );
    expect(closeWith([invoice], [{ ...note, total: "300.00" }])).toThrow(
      expect.objectContaining({ code: "invalid_argument", path: "options.creditNotes[0].digest" }),
    );
  });

  it("refuses a note that takes units off and credits an amount at once", () => {
    const invoice = first();
    const mixed = issueCreditNote(contract, invoice, [
      { kind: "quantity", line: "bw", quantity: "100", reason: "twice" },
      { kind: "amount", line: "bw", amount: "1.00", reason: "goodwill" },
    ]);
    expect(closeWith([invoice], [mixed])).toThrow(
      expect.objectContaining({ code: "invalid_argument", path: "options.creditNotes[0].lines" }),
    );
  });
});
