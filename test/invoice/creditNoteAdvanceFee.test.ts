import { describe, expect, it } from "vitest";
import {
  issueCreditNote,
  rateClosingInvoice,
  rateInvoice,
  rateProgressiveInvoice,
} from "../../src/invoice/index.js";
import { seatsCharge, unitCharge, usageEvent } from "../_support/contract.js";
import { quarterCommitment, recordToDate, spendIn, spendToDate } from "../_support/cumulativeCommitment.js";
import { thrown } from "../_support/thrown.js";

// docs/credit-notes.md and docs/commitment-periods.md: the invoice that closes a billing period bills
// the next period's fee billed in advance (line `seats`, no piece date, its period the next month),
// which no commitment counts (docs/contracts.md, "Spend"). A note of units against that line takes
// nothing off any commitment's spend. `use` at 1.00 a unit, 10 seats at 12.00 billed in advance.
const charges = [unitCharge("use", "Use", "m"), seatsCharge("10")];
const off = (line: string, quantity: string) => [{ kind: "quantity", line, quantity, reason: "wrong" }];
const refusal = { code: "invalid_field", path: "corrections[0].kind" };

describe("a note of seats billed in advance, under a minimum of 100.00 a month", () => {
  const contract = quarterCommitment({ cumulative: undefined, minimum: "100" }, { charges });
  // January: 120 units = 120.00 of spend; February's seats 10 × 12.00 = 120.00 (period February)
  const january = rateInvoice(contract, spendIn("2026-01", "120"), "2026-01");

  it("is issued: the seats are February's fee, not January's spend (refused before)", () => {
    expect(january.lines.map((line) => [line.id, line.amount, line.period.start])).toEqual([
      ["use", "120.00", "2026-01-01T00:00:00.000Z"],
      ["seats", "120.00", "2026-02-01T00:00:00.000Z"],
    ]);
    expect(january.commitments?.[0]).toMatchObject({ minimum: "100.00", spend: "120.00" });
    // 5 seats off: 5 × 12.00 = 60.00 kept, 120.00 − 60.00 = 60.00 credited. The spend stays 120.00.
    // Read as spend, 120.00 − 60.00 = 60.00 was below the minimum and the note was refused.
    const seats = issueCreditNote(contract, january, off("seats", "5"));
    expect(seats.total).toBe("60.00");
    // The usage is still checked, and the seats credited do not count: 20 units off leave
    // 120.00 − 20.00 = 100.00 (issued; counting the seats, 40.00 and refused), 21 leave 99.00 (refused).
    expect(issueCreditNote(contract, january, off("use", "20"), { previous: [seats] }).total).toBe("20.00");
    expect(
      thrown(() => issueCreditNote(contract, january, off("use", "21"), { previous: [seats] })),
    ).toMatchObject(refusal);
  });

  it("is issued on a progressive close too, whose period's spend is 90.00 + 30.00", () => {
    const events = [
      usageEvent("a", "e", "2026-01-05T00:00:00Z", { v: "90" }),
      usageEvent("b", "e", "2026-01-20T00:00:00Z", { v: "30" }),
    ];
    const first = rateProgressiveInvoice(contract, events, "2026-01", "2026-01-10");
    const close = rateClosingInvoice(contract, events, "2026-01", { earlier: [first] });
    // the close: 120.00 − 90.00 = 30.00 of use, and February's seats 120.00
    expect(close.lines.map((line) => [line.id, line.amount])).toEqual([
      ["use", "30.00"],
      ["seats", "120.00"],
    ]);
    // 90.00 + 30.00 = 120.00 of spend; 5 seats off (60.00) leave it as it is. Read as spend,
    // 120.00 − 60.00 = 60.00 < 100.00 refused the note.
    expect(issueCreditNote(contract, close, off("seats", "5"), { earlier: [first] }).total).toBe("60.00");
  });
});

describe("a note of seats billed in advance, under a Q1 commitment of 1,200.00", () => {
  const contract = quarterCommitment({}, { charges });
  const january = rateInvoice(contract, spendIn("2026-01", "300"), "2026-01");
  const february = rateInvoice(contract, spendIn("2026-02", "500"), "2026-02", {
    commitmentSpendToDate: spendToDate(january),
  });

  it("takes nothing off the spend (true-up 150.00, was 210.00)", () => {
    // January: 300.00 of spend (February's seats, 120.00, are no Q1 spend); the note: 5 seats off = 60.00
    const note = issueCreditNote(contract, january, off("seats", "5"));
    expect(note.total).toBe("60.00");
    // February 500.00: 300 + 500 = 800.00 to date. March 250.00: 800 + 250 = 1,050.00, the note takes
    // 0.00 off, true-up 1,200.00 − 1,050.00 = 150.00. Before, it took 60.00: 740.00 + 250.00 = 990.00
    // and a true-up of 210.00.
    const march = rateInvoice(contract, spendIn("2026-03", "250"), "2026-03", {
      commitmentSpendToDate: recordToDate(february),
      commitmentCreditNotes: [note],
    });
    expect(march.commitments?.[0]?.cumulative).toMatchObject({
      spendBefore: "800.00",
      creditNotes: [{ id: note.id, kind: "units", spend: "0.00" }],
      spendAfter: "1050.00",
    });
    expect(march.commitments?.[0]?.trueUp).toBe("150.00");
  });

  it("is issued against the close's April seats when the spend to date is above the minimum", () => {
    // March 450.00: 800 + 450 = 1,250.00 to date, no true-up. 5 of April's seats off (60.00) change
    // no Q1 spend: issued. Read as spend, 1,250.00 − 60.00 = 1,190.00 < 1,200.00 refused it.
    const march = rateInvoice(contract, spendIn("2026-03", "450"), "2026-03", {
      commitmentSpendToDate: recordToDate(february),
    });
    expect(march.commitments?.[0]?.cumulative?.spendAfter).toBe("1250.00");
    expect(issueCreditNote(contract, march, off("seats", "5")).total).toBe("60.00");
    // 51 units of use off still leave 1,199.00: refused
    expect(thrown(() => issueCreditNote(contract, march, off("use", "51")))).toMatchObject(refusal);
  });
});
