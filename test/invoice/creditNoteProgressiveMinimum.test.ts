import { describe, expect, it } from "vitest";
import type { Invoice } from "../../src/index.js";
import {
  issueCreditNote,
  rateClosingInvoice,
  rateInvoice,
  rateProgressiveInvoice,
} from "../../src/invoice/index.js";
import { usageEvent } from "../_support/contract.js";
import { quarterCommitment, spendIn, spendToDate } from "../_support/cumulativeCommitment.js";
import { thrown } from "../_support/thrown.js";

// docs/credit-notes.md: a note of units against the closing invoice of a progressive sequence, under a
// minimum of 100.00 a month at 1.00 a unit. 90 units by the 10th (progressive invoice 1, 90.00), 30 more
// by the end: the close bills 120.00 − 90.00 = 30.00 with no true-up. Its commitment's spend is its own
// part, 30.00; the period's is 90.00 + 30.00 = 120.00, which the minimum was settled on.
const contract = quarterCommitment({ cumulative: undefined, minimum: "100" });
const events = [
  usageEvent("a", "e", "2026-01-05T00:00:00Z", { v: "90" }),
  usageEvent("b", "e", "2026-01-20T00:00:00Z", { v: "30" }),
];
const first = rateProgressiveInvoice(contract, events, "2026-01", "2026-01-10");
const close = rateClosingInvoice(contract, events, "2026-01", { earlier: [first] });
const unitsOff = (quantity: string) => [
  { kind: "quantity", line: "use", quantity, reason: "double-counted" },
];

describe("a note of units against a progressive close above a minimum per billing period", () => {
  it("is refused when it takes the period's spend below the minimum (25 units: 95.00 of 100.00)", () => {
    expect([first.total, close.total, close.commitments?.[0]?.spend]).toEqual(["90.00", "30.00", "30.00"]);
    // 120.00 − 25.00 = 95.00 < 100.00: the period's true-up would be 5.00. Before, the close's own spend
    // was all that was known, the note was issued (25.00) and the month paid 95.00.
    const error = thrown(() => issueCreditNote(contract, close, unitsOff("25"), { earlier: [first] }));
    expect(error).toMatchObject({ code: "invalid_field", path: "corrections[0].kind" });
    expect((error as Error).message).toContain("Q1 commitment");
  });

  it("is issued when the period's spend stays at or above the minimum, counting earlier notes", () => {
    // 10 units off the top: 110 units cost 110.00, less 90.00 billed earlier = 20.00 kept: 10.00
    const note = issueCreditNote(contract, close, unitsOff("10"), { earlier: [first] });
    expect(note.total).toBe("10.00");
    // 15 more would leave 120 − 10 − 15 = 95.00: refused; 10 more leave exactly 100.00: issued
    const previous = [note];
    expect(
      thrown(() => issueCreditNote(contract, close, unitsOff("15"), { previous, earlier: [first] })),
    ).toMatchObject({ code: "invalid_field", path: "corrections[0].kind" });
    expect(issueCreditNote(contract, close, unitsOff("10"), { previous, earlier: [first] }).total).toBe(
      "10.00",
    );
  });

  it("needs the earlier invoices of the period to check it, and credits an amount without them", () => {
    // Before, the close alone was read: 25 units off were credited (25.00), the month paid 95.00
    for (const units of ["25", "10"])
      expect(thrown(() => issueCreditNote(contract, close, unitsOff(units)))).toMatchObject({
        code: "invalid_argument",
        path: "options.earlier",
      });
    const amount = [{ kind: "amount", line: "use", amount: "10", reason: "goodwill" }];
    expect(issueCreditNote(contract, close, amount).total).toBe("10.00");
  });

  it("refuses earlier invoices that are not the ones the close subtracted", () => {
    const other = rateProgressiveInvoice(contract, events, "2026-01", "2026-01-15");
    expect(
      thrown(() => issueCreditNote(contract, close, unitsOff("10"), { earlier: [other] })),
    ).toMatchObject({
      code: "invalid_argument",
      path: "options.earlier[0]",
    });
    expect(thrown(() => issueCreditNote(contract, close, unitsOff("10"), { earlier: [] }))).toMatchObject({
      code: "invalid_argument",
      path: "options.earlier",
    });
    expect(
      thrown(() => issueCreditNote(contract, close, unitsOff("10"), { earlier: first as never })),
    ).toMatchObject({
      code: "invalid_argument",
      path: "options.earlier",
    });
    // earlier invoices of an invoice that closes no progressive sequence
    expect(
      thrown(() => issueCreditNote(contract, first, unitsOff("10"), { earlier: [first] })),
    ).toMatchObject({
      code: "invalid_argument",
      path: "options.earlier",
    });
  });
});

describe("a note of units against a progressive close of a cumulative commitment's period", () => {
  // docs/commitment-periods.md: 1,200.00 over Q1 at 1.00 a unit. January 300, February 500; March 300
  // by the 10th (progressive, 300.00) and 150 more (the close, 150.00). The close's record carries the
  // spend to date, the earlier invoices' included: 800 + 450 = 1,250.00, no true-up.
  const quarter = quarterCommitment();
  const jan = rateInvoiceOf(quarter, "2026-01", "300");
  const feb = rateInvoiceOf(quarter, "2026-02", "500", jan);
  const march = [
    usageEvent("m1", "e", "2026-03-05T00:00:00Z", { v: "300" }),
    usageEvent("m2", "e", "2026-03-20T00:00:00Z", { v: "150" }),
  ];
  const carried = { commitmentSpendToDate: spendToDate(feb) };
  const p1 = rateProgressiveInvoice(quarter, march, "2026-03", "2026-03-10", carried);
  const closeQ = rateClosingInvoice(quarter, march, "2026-03", { ...carried, earlier: [p1] });

  it("is measured by the spend to date, without the earlier invoices: 50 units issued, 51 refused", () => {
    expect(closeQ.commitments?.[0]?.cumulative).toMatchObject({ spendAfter: "1250.00", closes: true });
    // 1,250.00 − 50.00 = 1,200.00, the minimum: issued; 1,250.00 − 51.00 = 1,199.00: refused
    expect(issueCreditNote(quarter, closeQ, unitsOff("50")).total).toBe("50.00");
    expect(thrown(() => issueCreditNote(quarter, closeQ, unitsOff("51"), { earlier: [p1] }))).toMatchObject({
      code: "invalid_field",
      path: "corrections[0].kind",
    });
  });
});

// A month of the quarter: `units` on its 2nd, carrying the spend to date of `before`.
function rateInvoiceOf(
  contract: ReturnType<typeof quarterCommitment>,
  month: string,
  units: string,
  before?: Invoice,
) {
  const carried = before === undefined ? {} : { commitmentSpendToDate: spendToDate(before) };
  return rateInvoice(contract, spendIn(month, units), month, carried);
}
