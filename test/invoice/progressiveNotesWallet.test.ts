import { describe, expect, it } from "vitest";
import {
  balancesAfterNotes,
  type Invoice,
  issueCreditNote,
  rateClosingInvoice,
  rateProgressiveInvoice,
} from "../../src/invoice/index.js";
import type { CreditNote } from "../../src/schema/index.js";
import { buildContract, flatCharge, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// docs/progressive-billing.md, "A note that gave money back to a credit grant": GB at 0.10, a platform
// fee of 20.00 at the close, a 100.00 wallet that pays after tax (no tax). Progressive invoice 1, as of
// 10 March, bills 800 GB × 0.10 = 80.00, all from the wallet (100.00 − 80.00 = 20.00 left, 0.00 due). A
// goodwill note of 10.00 against it cannot give money back (0.00 was asked), so all 10.00 go back to the
// wallet: 20.00 + 10.00 = 30.00. The later invoices of March must draw those 30.00.
const contract = buildContract({
  meters: [sumMeter("gb")],
  charges: [unitCharge("bw", "Bandwidth", "gb", "0.10"), flatCharge("platform", "Platform", "20")],
  credits: [{ id: "wallet", name: "Wallet", kind: "prepaid", taxed: "at_use", amount: "100" }],
});
const OPTIONS = { creditsStartFull: true } as const;
const march = (later: string) => [
  usageEvent("a", "gb", "2026-03-05T10:00:00Z", { v: "800" }),
  usageEvent("b", "gb", "2026-03-25T10:00:00Z", { v: later }),
];
const GOODWILL = [{ kind: "amount" as const, line: "bw", amount: "10.00", reason: "goodwill" }];
const firstAndNote = (usage: ReturnType<typeof march>) => {
  const first = rateProgressiveInvoice(contract, usage, "2026-03", "2026-03-10", OPTIONS);
  return { first, note: issueCreditNote(contract, first, GOODWILL) };
};
// The close of March after `earlier`, given `notes`.
const close = (usage: ReturnType<typeof march>, earlier: Invoice[], notes: CreditNote[]) =>
  rateClosingInvoice(contract, usage, "2026-03", { ...OPTIONS, earlier, creditNotes: notes });
const wallet = (invoice: Invoice) => {
  const entry = invoice.credits?.find((credit) => credit.id === "wallet");
  return [entry?.balanceBefore, entry?.applied, entry?.balanceAfter, invoice.total, invoice.amountDue];
};

describe("a note that gave money back to a credit grant, drawn by the later invoices of the period", () => {
  it("gives the 10.00 back to the wallet, none as money", () => {
    const { first, note } = firstAndNote(march("300"));
    expect(wallet(first)).toEqual(["100.00", "-80.00", "20.00", "80.00", "0.00"]);
    expect([note.settlement?.money, note.settlement?.credits[0]?.restored]).toEqual(["0.00", "10.00"]);
  });

  // The close at 1,100 GB: 110.00 + 20.00 = 130.00 for March. Rated on the wallet's 100.00 plus the
  // 10.00 given back, the month draws all 110.00 and asks 130.00 − 110.00 = 20.00; less invoice 1
  // (80.00 billed, −80.00 drawn, 0.00 due) the close bills 50.00, draws −110.00 − (−80.00) = −30.00
  // from the 20.00 + 10.00 = 30.00 there, and asks 20.00. Before: it opened at 20.00, drew 20.00 and
  // asked 30.00, the 10.00 given back nowhere.
  it("the close draws the 10.00 given back: it asks 20.00, not 30.00", () => {
    const usage = march("300");
    const { first, note } = firstAndNote(usage);
    const closing = close(usage, [first], [note]);
    expect(wallet(closing)).toEqual(["30.00", "-30.00", "0.00", "50.00", "20.00"]);
    // March: 80.00 + 50.00 = 130.00 billed, less the 10.00 credited = 120.00 = 100.00 wallet + 20.00 money
    expect(balancesAfterNotes(closing, [])).toEqual({ wallet: "0.00" });
  });

  // The close at 850 GB: 85.00 + 20.00 = 105.00. On 110.00 the month draws 105.00, asks 0.00 and leaves
  // 5.00; the close bills 25.00, draws −105.00 − (−80.00) = −25.00 from 30.00 and leaves 5.00 for April.
  // Before: the month drew 100.00 and asked 5.00; the close drew 20.00, asked 5.00 and left 0.00.
  it("carries what the wallet kept out of the close: April opens at 5.00", () => {
    const usage = march("50");
    const { first, note } = firstAndNote(usage);
    const closing = close(usage, [first], [note]);
    expect(wallet(closing)).toEqual(["30.00", "-25.00", "5.00", "25.00", "0.00"]);
    expect(balancesAfterNotes(closing, [])).toEqual({ wallet: "5.00" });
  });

  // A second progressive invoice as of 20 March after 200 GB more on the 15th: 1,000 GB so far, 100.00,
  // on 110.00 leaves 10.00; less invoice 1 it bills 20.00, draws −20.00 from 30.00, leaves 10.00. The
  // close (1,100 GB, 130.00 on 110.00: all drawn, 20.00 asked) less 80.00 + 20.00 billed and −80.00 −
  // 20.00 drawn bills 30.00, draws −10.00 from 10.00 and asks 20.00. Over March: 80 + 20 + 30 = 130.00
  // billed; 80 + 20 + 10 = 110.00 drawn = 100.00 + 10.00 given back; 0 + 0 + 20 = 20.00 asked. Before:
  // the second left 0.00 and the close drew nothing and asked 30.00.
  it("the next progressive invoice draws it too, and the close what is left", () => {
    const usage = [...march("100"), usageEvent("c", "gb", "2026-03-15T10:00:00Z", { v: "200" })];
    const { first, note } = firstAndNote(usage);
    const second = rateProgressiveInvoice(contract, usage, "2026-03", "2026-03-20", {
      ...OPTIONS,
      earlier: [first],
      creditNotes: [note],
    });
    expect(wallet(second)).toEqual(["30.00", "-20.00", "10.00", "20.00", "0.00"]);
    const closing = close(usage, [first, second], [note]);
    expect(wallet(closing)).toEqual(["10.00", "-10.00", "0.00", "30.00", "20.00"]);
  });

  it("without the note the period is as before: the close opens at 20.00 and asks 30.00", () => {
    const usage = march("300");
    const { first } = firstAndNote(usage);
    const closing = close(usage, [first], []);
    // 130.00 on 100.00: 30.00 asked; less invoice 1: draws −20.00 from 20.00, bills 50.00, asks 30.00
    expect(wallet(closing)).toEqual(["20.00", "-20.00", "0.00", "50.00", "30.00"]);
  });
});

describe("balancesAfterNotes of a closing invoice: the notes of its earlier invoices issued after it", () => {
  // The close at 850 GB rated without the note: 105.00 on the wallet's 100.00, all drawn, 5.00 asked;
  // less invoice 1 it draws the 20.00 left and leaves 0.00. The note, issued after the close, gave 10.00
  // back to the wallet that no invoice of March drew: April opens at 0.00 + 10.00 = 10.00. Before, the
  // note was refused as a note of another invoice than the close, and April opened at 0.00.
  it("adds what a note of progressive invoice 1 issued after the close gave back: April opens at 10.00", () => {
    const usage = march("50");
    const { first, note } = firstAndNote(usage);
    const closing = close(usage, [first], []);
    expect(wallet(closing)).toEqual(["20.00", "-20.00", "0.00", "25.00", "5.00"]);
    expect(balancesAfterNotes(closing, [note])).toEqual({ wallet: "10.00" });
  });

  it("refuses a note the close drew already, and one of an invoice not in the period", () => {
    const usage = march("50");
    const { first, note } = firstAndNote(usage);
    const drawn = close(usage, [first], [note]);
    expect(thrown(() => balancesAfterNotes(drawn, [note]))).toMatchObject({
      code: "credit_note_mismatch",
      path: "notes[0].id",
    });
    // a note of another March (another digest of invoice 1) is still refused at its invoiceDigest
    const other = rateProgressiveInvoice(contract, march("50"), "2026-03", "2026-03-11", OPTIONS);
    const alien = issueCreditNote(contract, other, GOODWILL);
    expect(thrown(() => balancesAfterNotes(close(usage, [first], []), [alien]))).toMatchObject({
      code: "credit_note_mismatch",
      path: "notes[0].invoiceDigest",
    });
  });
});
