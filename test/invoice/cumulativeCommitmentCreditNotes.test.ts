import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/index.js";
import {
  correctLateUsage,
  issueCreditNote,
  rateClosingInvoice,
  rateInvoice,
  rateProgressiveInvoice,
} from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { usageEvent } from "../_support/contract.js";
import { quarterCommitment, recordToDate, spendIn, spendToDate } from "../_support/cumulativeCommitment.js";
import { thrown } from "../_support/thrown.js";

// docs/commitment-periods.md, "Credit notes": 1,200.00 over Q1 at 1.00 a unit; January 300 units, a
// note takes 100 of them off, February 500, March 250. The true usage, 200 + 500 + 250 = 950.00, owes
// the minimum, 1,200.00: the notes of the period come off the spend carried, once.
const JAN = spendIn("2026-01", "300");
const FEB = spendIn("2026-02", "500");
const MAR = spendIn("2026-03", "250");
const sum = (...totals: string[]) => totals.reduce((s, t) => s.plus(t), new Decimal(0)).toFixed(2);
const unitsOff = (quantity: string) => [
  { kind: "quantity", line: "use", quantity, reason: "double-counted" },
];

describe("credit notes in a period of a cumulative commitment", () => {
  it("takes a note of units off the spend the next invoice carries, so the quarter bills the minimum", () => {
    const contract = quarterCommitment();
    const jan = rateInvoice(contract, JAN, "2026-01");
    const note = issueCreditNote(contract, jan, unitsOff("100"));
    // 300 units billed 300.00; 200 kept cost 200.00: the note credits 100.00
    expect(note.total).toBe("100.00");
    const feb = rateInvoice(contract, FEB, "2026-02", {
      commitmentSpendToDate: spendToDate(jan),
      commitmentCreditNotes: [note],
    });
    // carried 300.00 less the 100.00 of units credited: 200.00 before; to date 200 + 500 = 700.00
    expect(feb.commitments?.[0]?.cumulative).toMatchObject({
      spendBefore: "200.00",
      creditNotes: [{ id: note.id, invoiceId: jan.id, kind: "units", spend: "100.00" }],
      remaining: "1000.00",
      spendAfter: "700.00",
      creditNotesTaken: [note.id],
    });
    // March, given the note again: February's record says its spend already reflects it
    const mar = rateInvoice(contract, MAR, "2026-03", {
      commitmentSpendToDate: recordToDate(feb),
      commitmentCreditNotes: [note],
    });
    // 700 + 250 = 950.00 to date; true-up 1,200.00 − 950.00 = 250.00; March bills 500.00
    expect(mar.commitments?.[0]?.trueUp).toBe("250.00");
    expect(mar.commitments?.[0]?.cumulative?.creditNotes).toBeUndefined();
    expect(mar.total).toBe("500.00");
    // 300.00 − 100.00 + 500.00 + 500.00 = 1,200.00 (before: 300 − 100 + 500 + 400 = 1,100.00)
    expect(sum(jan.total, `-${note.total}`, feb.total, mar.total)).toBe("1200.00");
  });

  it("takes a note given first to March off there, when February was rated before it", () => {
    const contract = quarterCommitment();
    const jan = rateInvoice(contract, JAN, "2026-01");
    const feb = rateInvoice(contract, FEB, "2026-02", { commitmentSpendToDate: spendToDate(jan) });
    const note = issueCreditNote(contract, jan, unitsOff("100"));
    const mar = rateInvoice(contract, MAR, "2026-03", {
      commitmentSpendToDate: recordToDate(feb),
      commitmentCreditNotes: [note],
    });
    // carried 800.00 less 100.00 = 700.00; true-up 1,200.00 − (700.00 + 250.00) = 250.00
    expect(mar.commitments?.[0]?.cumulative).toMatchObject({ spendBefore: "700.00", spendAfter: "950.00" });
    expect(mar.commitments?.[0]?.trueUp).toBe("250.00");
    expect(sum(jan.total, `-${note.total}`, feb.total, mar.total)).toBe("1200.00");
  });

  it("keeps a note of an amount (goodwill) out of the spend: the usage still counts", () => {
    const contract = quarterCommitment();
    const jan = rateInvoice(contract, JAN, "2026-01");
    const goodwill = issueCreditNote(contract, jan, [
      { kind: "amount", line: "use", amount: "100", reason: "goodwill" },
    ]);
    const feb = rateInvoice(contract, FEB, "2026-02", {
      commitmentSpendToDate: spendToDate(jan),
      commitmentCreditNotes: [goodwill],
    });
    // listed, with nothing taken off: 300.00 before, 800.00 to date
    expect(feb.commitments?.[0]?.cumulative).toMatchObject({
      spendBefore: "300.00",
      creditNotes: [{ id: goodwill.id, kind: "amount", spend: "0.00" }],
      spendAfter: "800.00",
    });
    const mar = rateInvoice(contract, MAR, "2026-03", { commitmentSpendToDate: recordToDate(feb) });
    // 1,200.00 − 1,050.00 = 150.00: the quarter bills 1,200.00 less the 100.00 given, 1,100.00
    expect(sum(jan.total, `-${goodwill.total}`, feb.total, mar.total)).toBe("1100.00");
  });
});

describe("notes of units with lines finer than the currency", () => {
  // 1.00 over Q1 at 0.004 a unit, lines to 4 decimals (rounding.lineDecimals); January 3 units, 0.0120,
  // billed 0.01; two notes take 1 unit off each. The notes round cumulatively, as the invoice did:
  // round(0.0040) = 0.00, then round(0.0080) − 0.00 = 0.01. February and March use nothing.
  it("takes off what each note credited, so the quarter bills the minimum exactly", () => {
    const contract = quarterCommitment(
      { minimum: "1" },
      {
        rounding: { mode: "half_even", lineDecimals: 4 },
        charges: [{ id: "use", name: "Use", meter: "m", price: { model: "unit", unitPrice: "0.004" } }],
      },
    );
    const jan = rateInvoice(contract, spendIn("2026-01", "3"), "2026-01");
    expect(jan.total).toBe("0.01");
    const first = issueCreditNote(contract, jan, unitsOff("1"));
    const second = issueCreditNote(contract, jan, unitsOff("1"), { previous: [first] });
    expect([first.total, second.total]).toEqual(["0.00", "0.01"]);
    const feb = rateInvoice(contract, spendIn("2026-02", "0"), "2026-02", {
      commitmentSpendToDate: spendToDate(jan),
      commitmentCreditNotes: [first, second],
    });
    // 0.0100 carried less 0.0000 and 0.0100 credited: 0.0000 before. Rounding each note's 0.0040 on
    // its own would take off 0.00 + 0.00 and leave 0.0100, and March would true up 0.99: 0.99 in all.
    expect(feb.commitments?.[0]?.cumulative?.spendBefore).toBe("0.0000");
    const mar = rateInvoice(contract, spendIn("2026-03", "0"), "2026-03", {
      commitmentSpendToDate: recordToDate(feb),
      commitmentCreditNotes: [first, second],
    });
    // true-up 1.00 − 0.00 = 1.00: 0.01 − 0.00 − 0.01 + 0.00 + 1.00 = 1.00
    expect(mar.total).toBe("1.00");
    expect(sum(jan.total, `-${first.total}`, `-${second.total}`, feb.total, mar.total)).toBe("1.00");
  });
});

describe("a note of units, then late usage corrected in credit_note mode", () => {
  // January 300 units less a note of 100; February 500 rated with the note; March 250. In April, 400
  // late units of February: February is credited and re-issued, then March with the corrected spend.
  it("bills max(minimum, true usage): 200 + 900 + 250 = 1,350.00 above the 1,200.00", () => {
    const contract = quarterCommitment({}, { lateUsage: { lookBackPeriods: 3, correction: "credit_note" } });
    const jan = rateInvoice(contract, JAN, "2026-01");
    const note = issueCreditNote(contract, jan, unitsOff("100"));
    const febOptions = { commitmentSpendToDate: spendToDate(jan), commitmentCreditNotes: [note] };
    const feb = rateInvoice(contract, FEB, "2026-02", febOptions);
    const mar = rateInvoice(contract, MAR, "2026-03", { commitmentSpendToDate: recordToDate(feb) });
    // issued: 300.00, 500.00 and 250.00 + true-up 1,200.00 − 950.00 = 250.00
    expect([jan.total, feb.total, mar.total]).toEqual(["300.00", "500.00", "500.00"]);
    const late = [usageEvent("late", "e", "2026-02-10T00:00:00Z", { v: "400" })];
    // February reproduces with the note it took, and is re-issued: 200.00 before, 900.00, 1,100.00 to date
    const febFix = correctLateUsage(contract, feb, FEB, late, { billOn: "2026-04", ...febOptions });
    if (febFix.mode !== "credit_note" || febFix.reissued === undefined)
      throw new Error("expected a re-issue");
    expect(febFix.reissued.commitments?.[0]?.cumulative).toMatchObject({
      spendBefore: "200.00",
      spendAfter: "1100.00",
      creditNotesTaken: [note.id],
    });
    // March re-rated from 1,100.00: 1,350.00 to date, no true-up; credited 500.00, re-issued 250.00
    const marFix = correctLateUsage(contract, mar, MAR, [], {
      billOn: "2026-04",
      commitmentSpendToDate: recordToDate(feb),
      correctedCommitmentSpendToDate: recordToDate(febFix.reissued),
    });
    if (marFix.mode !== "credit_note" || marFix.reissued === undefined)
      throw new Error("expected a re-issue");
    expect([marFix.creditNote?.total, marFix.reissued.total]).toEqual(["500.00", "250.00"]);
    // 300 − 100 + 500 − 500 + 900 + 500 − 500 + 250 = 1,350.00
    expect(
      sum(
        jan.total,
        `-${note.total}`,
        feb.total,
        `-${febFix.creditNote?.total}`,
        febFix.reissued.total,
        mar.total,
        `-${marFix.creditNote?.total}`,
        marFix.reissued.total,
      ),
    ).toBe("1350.00");
  });
});

describe("credit notes of a cumulative commitment period, refused", () => {
  const contract = quarterCommitment();
  const jan = rateInvoice(contract, JAN, "2026-01");
  const note = issueCreditNote(contract, jan, unitsOff("100"));
  const february = (options: Record<string, unknown>) =>
    rateInvoice(contract, FEB, "2026-02", { commitmentSpendToDate: spendToDate(jan), ...options } as never);

  it("refuses notes that are not a list, or a note given twice", () => {
    expect(thrown(() => february({ commitmentCreditNotes: note }))).toMatchObject({
      code: "invalid_argument",
      path: "options.commitmentCreditNotes",
    });
    expect(thrown(() => february({ commitmentCreditNotes: [note, note] }))).toMatchObject({
      code: "duplicate_id",
      path: "options.commitmentCreditNotes[1].id",
    });
  });

  it("refuses an edited note, naming where in the option it is", () => {
    const edited = { ...note, total: "1000.00" };
    expect(thrown(() => february({ commitmentCreditNotes: [edited] }))).toMatchObject({
      path: "options.commitmentCreditNotes[0].digest",
    });
  });

  it("refuses a note of another contract, and of an invoice of no commitment period before this one", () => {
    const other = quarterCommitment({}, { id: "ctr_other" } as never);
    const otherNote = issueCreditNote(other, rateInvoice(other, JAN, "2026-01"), unitsOff("1"));
    expect(thrown(() => february({ commitmentCreditNotes: [otherNote] }))).toMatchObject({
      code: "credit_note_mismatch",
      path: "options.commitmentCreditNotes[0].contractId",
    });
    // a note of February itself given to February: not an earlier invoice of the period
    const feb = rateInvoice(contract, FEB, "2026-02", { commitmentSpendToDate: spendToDate(jan) });
    const ofFebruary = issueCreditNote(contract, feb, unitsOff("1"));
    expect(thrown(() => february({ commitmentCreditNotes: [ofFebruary] }))).toMatchObject({
      code: "credit_note_mismatch",
      path: "options.commitmentCreditNotes[0].invoiceId",
    });
  });

  it("refuses a carried record with a name the invoice's record does not have", () => {
    const record = { spendAfter: "300.00", creditNoteTaken: [note.id] };
    // named at the misspelt field, with the one it most likely meant
    expect(thrown(() => february({ commitmentSpendToDate: { q1: record } }))).toMatchObject({
      code: "unknown_field",
      path: "options.commitmentSpendToDate.q1.creditNoteTaken",
      message: expect.stringContaining('did you mean "creditNotesTaken"?'),
    });
  });
});

describe("a note of units against an invoice that settles a commitment", () => {
  // A minimum of 100.00 a month, 80 units at 1.00: 80.00 + true-up 20.00 = 100.00. Taking 10 units off
  // credited 10.00 and left the true-up at 20.00: the customer paid 90.00 for 70 true units under a
  // 100.00 minimum, which owes 100.00 (the true-up would be 30.00).
  it("is refused for a minimum per billing period, naming the commitment (credit an amount instead)", () => {
    const contract = quarterCommitment({ cumulative: undefined, minimum: "100" });
    const invoice = rateInvoice(contract, spendIn("2026-01", "80"), "2026-01");
    expect(invoice.commitments?.[0]?.trueUp).toBe("20.00");
    const error = thrown(() => issueCreditNote(contract, invoice, unitsOff("10")));
    expect(error).toMatchObject({ code: "invalid_field", path: "corrections[0].kind" });
    expect((error as Error).message).toContain("Q1 commitment");
    // an amount is still credited
    const amount = [{ kind: "amount", line: "use", amount: "10", reason: "goodwill" }];
    expect(issueCreditNote(contract, invoice, amount).total).toBe("10.00");
  });

  it("is refused on the invoice that closes a cumulative period with a true-up", () => {
    const contract = quarterCommitment();
    const jan = rateInvoice(contract, JAN, "2026-01");
    const feb = rateInvoice(contract, FEB, "2026-02", { commitmentSpendToDate: spendToDate(jan) });
    const mar = rateInvoice(contract, MAR, "2026-03", { commitmentSpendToDate: spendToDate(feb) });
    // March: 250.00 + true-up 150.00; 50 units off would have credited 50.00 with the true-up kept
    expect(thrown(() => issueCreditNote(contract, mar, unitsOff("50")))).toMatchObject({
      code: "invalid_field",
      path: "corrections[0].kind",
    });
  });

  it("is refused when it takes a settled spend below the minimum, and taken when it does not", () => {
    const contract = quarterCommitment({ cumulative: undefined, minimum: "100" });
    const invoice = rateInvoice(contract, spendIn("2026-01", "120"), "2026-01");
    // 120.00 of spend, no true-up: 10 units off leave 110.00, above the minimum: credited 10.00
    const first = issueCreditNote(contract, invoice, unitsOff("10"));
    expect(first.total).toBe("10.00");
    // 15 more would leave 95.00: the minimum would owe a true-up of 5.00, so the note is refused
    const error = thrown(() => issueCreditNote(contract, invoice, unitsOff("15"), { previous: [first] }));
    expect(error).toMatchObject({ code: "invalid_field", path: "corrections[0].kind" });
    // 10 more leave exactly 100.00: credited
    expect(issueCreditNote(contract, invoice, unitsOff("10"), { previous: [first] }).total).toBe("10.00");
  });

  it("is refused on an invoice with an overage line, which was worked from the spend too", () => {
    const contract = quarterCommitment({ cumulative: undefined, minimum: "100", overageFactor: "1.5" });
    const invoice = rateInvoice(contract, spendIn("2026-01", "120"), "2026-01");
    // 120.00 + (120.00 − 100.00) × 0.5 = 130.00; 10 units off would leave the 10.00 overage as billed
    expect(invoice.commitments?.[0]?.overage).toBe("10.00");
    expect(thrown(() => issueCreditNote(contract, invoice, unitsOff("10")))).toMatchObject({
      code: "invalid_field",
    });
  });
});

describe("the explanation of an invoice that took a note", () => {
  it("says what the notes took off the earlier invoices' spend", () => {
    const contract = quarterCommitment();
    const jan = rateInvoice(contract, JAN, "2026-01");
    const note = issueCreditNote(contract, jan, unitsOff("100"));
    const feb = rateInvoice(contract, FEB, "2026-02", {
      commitmentSpendToDate: spendToDate(jan),
      commitmentCreditNotes: [note],
    });
    // 300.00 carried less 100.00: the earlier invoices spent 200.00, leaving 1,200.00 − 200.00 = 1,000.00
    expect(explainText(feb)).toContain(
      `The earlier invoices spent $200.00 (after $100.00 of units credited by ${note.id}), leaving $1,000.00;`,
    );
  });
});

describe("a note of units against the closing invoice of a progressive sequence", () => {
  // 100.00 a month; 90 units by the 10th (a progressive invoice, 90.00), 30 more by the end: the close
  // bills 120.00 − 90.00 = 30.00 with no true-up. Its commitment's spend is its own part, 30.00.
  const contract = quarterCommitment({ cumulative: undefined, minimum: "100" });
  const events = [
    usageEvent("a", "e", "2026-01-05T00:00:00Z", { v: "90" }),
    usageEvent("b", "e", "2026-01-20T00:00:00Z", { v: "30" }),
  ];
  it("is taken when the period's spend has no true-up, though the close's own part is below the minimum", () => {
    const first = rateProgressiveInvoice(contract, events, "2026-01", "2026-01-10");
    const close = rateClosingInvoice(contract, events, "2026-01", { earlier: [first] });
    expect([first.total, close.total]).toEqual(["90.00", "30.00"]);
    // 10 units off the top: 120 − 10 = 110 units cost 110.00, less 90.00 billed earlier = 20.00 kept
    // the period's spend is 90.00 (the earlier invoice's) + 30.00 = 120.00; 110.00 is left
    expect(issueCreditNote(contract, close, unitsOff("10"), { earlier: [first] }).total).toBe("10.00");
  });

  it("is refused when the close billed a true-up", () => {
    const few = [usageEvent("a", "e", "2026-01-05T00:00:00Z", { v: "50" }), events[1]!];
    const first = rateProgressiveInvoice(contract, few, "2026-01", "2026-01-10");
    const close = rateClosingInvoice(contract, few, "2026-01", { earlier: [first] });
    // 80.00 for the month: the close bills 30.00 + true-up 20.00 = 50.00
    expect(close.commitments?.[0]?.trueUp).toBe("20.00");
    expect(thrown(() => issueCreditNote(contract, close, unitsOff("10")))).toMatchObject({
      code: "invalid_field",
      path: "corrections[0].kind",
    });
  });
});
