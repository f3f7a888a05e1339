import { describe, expect, it } from "vitest";
import { issueCreditNote, rateClosingInvoice, rateProgressiveInvoice } from "../../src/invoice/index.js";
import { usageEvent } from "../_support/contract.js";
import { quarterCommitment } from "../_support/cumulativeCommitment.js";
import { thrown } from "../_support/thrown.js";

// docs/credit-notes.md, "After the close": a note of units against an EARLIER invoice of a progressive
// sequence, issued once the closing invoice has settled the minimum on the period's spend. A minimum of
// 100.00 a month at 1.00 a unit: 90 units by the 10th (progressive invoice 1, 90.00), 30 more by the
// end (the close, 120.00 − 90.00 = 30.00, no true-up). The period's spend is 90.00 + 30.00 = 120.00.
const contract = quarterCommitment({ cumulative: undefined, minimum: "100" });
const events = (first: string) => [
  usageEvent("a", "e", "2026-01-05T00:00:00Z", { v: first }),
  usageEvent("b", "e", "2026-01-20T00:00:00Z", { v: "30" }),
];
const first = rateProgressiveInvoice(contract, events("90"), "2026-01", "2026-01-10");
const close = rateClosingInvoice(contract, events("90"), "2026-01", { earlier: [first] });
const unitsOff = (quantity: string) => [
  { kind: "quantity", line: "use", quantity, reason: "double-counted" },
];
const refusal = { code: "invalid_field", path: "corrections[0].kind" };

describe("a note of units against an earlier progressive invoice after the close", () => {
  it("is refused when it takes the period's spend below the minimum (25 units: 95.00 of 100.00)", () => {
    expect([first.total, close.total, close.commitments?.[0]?.spend]).toEqual(["90.00", "30.00", "30.00"]);
    // 90 units billed 90.00; 65 kept cost 65.00: 25.00 credited, and the month would pay
    // 90.00 − 25.00 + 30.00 = 95.00 under a minimum of 100.00. Before, it was issued.
    const options = { closing: close, earlier: [first] };
    expect(thrown(() => issueCreditNote(contract, first, unitsOff("25"), options))).toMatchObject(refusal);
    // 20 units leave 120.00 − 20.00 = 100.00, the minimum: credited 20.00
    const note = issueCreditNote(contract, first, unitsOff("20"), options);
    expect(note.total).toBe("20.00");
    // then 1 more leaves 99.00: refused
    expect(
      thrown(() => issueCreditNote(contract, first, unitsOff("1"), { ...options, previous: [note] })),
    ).toMatchObject(refusal);
  });

  it("does not count again the notes the close already took", () => {
    // Before the close, 10 of the 90 units were taken off (10.00); the close was rated on the true
    // usage (80 + 30 = 110 units) and took the note: 110.00 − (90.00 − 10.00) = 30.00. Its spend is
    // 110.00 − 90.00 (measured earlier, as issued) = 20.00, the period's 90.00 + 20.00 = 110.00.
    const before = issueCreditNote(contract, first, unitsOff("10"));
    const closed = rateClosingInvoice(contract, events("80"), "2026-01", {
      earlier: [first],
      creditNotes: [before],
    });
    expect([closed.total, closed.commitments?.[0]?.spend]).toEqual(["30.00", "20.00"]);
    // After the close 10 more leave 110.00 − 10.00 = 100.00: issued (counting the first note again,
    // 90.00, it was refused); 11 leave 99.00: refused.
    const options = { closing: closed, earlier: [first], previous: [before] };
    expect(issueCreditNote(contract, first, unitsOff("10"), options).total).toBe("10.00");
    expect(thrown(() => issueCreditNote(contract, first, unitsOff("11"), options))).toMatchObject(refusal);
  });

  it("is refused outright when the close billed a true-up", () => {
    // 60 by the 10th, 20 more: the period's 80.00 is short, the close trues up 20.00; 1 unit off the
    // first invoice would leave 79.00 and the true-up as billed.
    const low = [
      usageEvent("a", "e", "2026-01-05T00:00:00Z", { v: "60" }),
      usageEvent("b", "e", "2026-01-20T00:00:00Z", { v: "20" }),
    ];
    const lowFirst = rateProgressiveInvoice(contract, low, "2026-01", "2026-01-10");
    const lowClose = rateClosingInvoice(contract, low, "2026-01", { earlier: [lowFirst] });
    expect(lowClose.commitments?.[0]?.trueUp).toBe("20.00");
    const options = { closing: lowClose, earlier: [lowFirst] };
    expect(thrown(() => issueCreditNote(contract, lowFirst, unitsOff("1"), options))).toMatchObject(refusal);
  });

  it("needs the close's earlier invoices, and a close that closes this invoice's period", () => {
    expect(thrown(() => issueCreditNote(contract, first, unitsOff("10"), { closing: close }))).toMatchObject({
      code: "invalid_argument",
      path: "options.earlier",
    });
    // a close of another sequence (one that subtracted another first invoice)
    const other = rateProgressiveInvoice(contract, events("90"), "2026-01", "2026-01-15");
    const otherClose = rateClosingInvoice(contract, events("90"), "2026-01", { earlier: [other] });
    expect(
      thrown(() =>
        issueCreditNote(contract, first, unitsOff("10"), { closing: otherClose, earlier: [other] }),
      ),
    ).toMatchObject({ code: "invalid_argument", path: "options.closing" });
    // the close itself is no earlier invoice of a close
    expect(
      thrown(() => issueCreditNote(contract, close, unitsOff("10"), { closing: close, earlier: [first] })),
    ).toMatchObject({ code: "invalid_argument", path: "options.closing" });
    // an edited close
    const edited = { ...close, total: "31.00" };
    expect(
      thrown(() => issueCreditNote(contract, first, unitsOff("10"), { closing: edited, earlier: [first] })),
    ).toMatchObject({ path: "options.closing.digest" });
  });

  it("is issued as before when no close is given: before the close, the close takes the note", () => {
    // the period is open as far as the note knows: the later invoices subtract 90.00 − 25.00
    expect(issueCreditNote(contract, first, unitsOff("25")).total).toBe("25.00");
  });
});
