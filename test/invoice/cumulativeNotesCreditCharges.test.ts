import { describe, expect, it } from "vitest";
import { issueCreditNote, rateInvoice } from "../../src/invoice/index.js";
import { unitCharge, usageEvent } from "../_support/contract.js";
import { quarterCommitment, recordToDate, spendIn, spendToDate } from "../_support/cumulativeCommitment.js";
import { thrown } from "../_support/thrown.js";

// docs/commitment-periods.md, "Which lines count": a note of units takes off the spend only what the
// commitment counted, and the commitments stage reads a line's charge as in force when the line's
// period starts. So must the note: an amendment of 15 February that makes `use` a credit charge (or
// stops it being one) splits February into `use` (1–15 February) and `use@2026-02-15`, and a note of
// units against the second piece is read with the terms of 15 February, not the contract's first ones.
const february = [
  usageEvent("feb-a", "e", "2026-02-02T00:00:00Z", { v: "200" }),
  usageEvent("feb-b", "e", "2026-02-20T00:00:00Z", { v: "300" }),
];
const unitsOffPiece = [
  { kind: "quantity", line: "use@2026-02-15", quantity: "100", reason: "double-counted" },
];

// Q1 commitment of 1,200.00 at 1.00 a unit, with `use` as the contract writes it and as the amendment
// of 15 February rewrites it.
function contractWith(before: { credit?: boolean }, after: { credit?: boolean }) {
  return quarterCommitment(
    {},
    {
      charges: [unitCharge("use", "Use", "m", "1", before)],
      amendments: [
        { id: "from-15-feb", effective: "2026-02-15", charges: [unitCharge("use", "Use", "m", "1", after)] },
      ],
    },
  );
}

// January, February and the note of 100 units off February's second piece, then March (250 units).
function quarter(contract: ReturnType<typeof contractWith>) {
  const jan = rateInvoice(contract, spendIn("2026-01", "300"), "2026-01");
  const feb = rateInvoice(contract, february, "2026-02", { commitmentSpendToDate: spendToDate(jan) });
  const note = issueCreditNote(contract, feb, unitsOffPiece);
  const mar = rateInvoice(contract, spendIn("2026-03", "250"), "2026-03", {
    commitmentSpendToDate: recordToDate(feb),
    commitmentCreditNotes: [note],
  });
  return { jan, feb, note, mar };
}

describe("a note of units against a line whose charge an amendment made a credit, or no longer one", () => {
  it("takes nothing off for a piece of a charge that became a credit (true-up 700.00, not 800.00)", () => {
    const { feb, note, mar } = quarter(contractWith({}, { credit: true }));
    // January 300 units: 300.00 of spend. February: 200 units before the 15th (spend 200.00), 300 from
    // it on the credit charge (300.00 billed, no spend): to date 300 + 200 = 500.00.
    expect(feb.commitments?.[0]?.cumulative?.spendAfter).toBe("500.00");
    // 300 units billed 300.00, 200 kept cost 200.00: the note credits 100.00 of a credit charge's line
    expect(note.total).toBe("100.00");
    // March: 250 units of the credit charge, no spend. The note took nothing off what the commitment
    // counted: 500.00 before, 0.00 of spend, true-up 1,200.00 − 500.00 = 700.00. Read with the
    // contract's first terms the note took 100.00 off: 400.00 before and a true-up of 800.00.
    expect(mar.commitments?.[0]?.cumulative).toMatchObject({
      spendBefore: "500.00",
      creditNotes: [{ id: note.id, kind: "units", spend: "0.00" }],
      spendAfter: "500.00",
    });
    expect(mar.commitments?.[0]?.trueUp).toBe("700.00");
  });

  it("takes the units off for a piece of a charge that stopped being a credit (true-up 750.00, not 650.00)", () => {
    const { feb, note, mar } = quarter(contractWith({ credit: true }, {}));
    // January 300 units on the credit charge: no spend. February: 200 units before the 15th (credit, no
    // spend), 300 from it as spend: to date 300.00.
    expect(feb.commitments?.[0]?.cumulative?.spendAfter).toBe("300.00");
    expect(note.total).toBe("100.00");
    // March: 250 units of spend. The note took 100 of the 300 counted units off: 300 − 100 = 200.00
    // before, 200 + 250 = 450.00 to date, true-up 1,200.00 − 450.00 = 750.00. Read with the contract's
    // first terms (a credit) it took nothing: 300.00 before, 550.00 to date, true-up 650.00.
    expect(mar.commitments?.[0]?.cumulative).toMatchObject({
      spendBefore: "200.00",
      creditNotes: [{ id: note.id, kind: "units", spend: "100.00" }],
      spendAfter: "450.00",
    });
    expect(mar.commitments?.[0]?.trueUp).toBe("750.00");
  });
});

describe("a note of units against a credit charge's line, on an invoice that settles a minimum", () => {
  // A minimum of 100.00 a month. `use` and `pass` at 1.00 a unit; an amendment of 16 January makes
  // `pass` a credit charge, so January has `pass@2026-01-01` (1–16 January, spend) and `pass@2026-01-16` (a credit
  // charge's line, no spend). 90 units of `use`, 20 of `pass` before the 16th, 30 after: spend
  // 90 + 20 = 110.00, above the minimum; billed 90 + 20 + 30 = 140.00.
  const contract = quarterCommitment(
    { cumulative: undefined, minimum: "100" },
    {
      meters: [
        { id: "m", eventType: "e", aggregation: "sum", valueProperty: "v" },
        { id: "p", eventType: "p", aggregation: "sum", valueProperty: "v" },
      ],
      charges: [unitCharge("use", "Use", "m"), unitCharge("pass", "Pass-through", "p")],
      amendments: [
        {
          id: "pass-credit",
          effective: "2026-01-16",
          charges: [unitCharge("pass", "Pass-through", "p", "1", { credit: true })],
        },
      ],
    },
  );
  const invoice = rateInvoice(
    contract,
    [
      usageEvent("u", "e", "2026-01-02T00:00:00Z", { v: "90" }),
      usageEvent("p1", "p", "2026-01-05T00:00:00Z", { v: "20" }),
      usageEvent("p2", "p", "2026-01-20T00:00:00Z", { v: "30" }),
    ],
    "2026-01",
  );
  const unitsOff = (line: string, quantity: string) => [
    { kind: "quantity", line, quantity, reason: "double-counted" },
  ];

  it("is issued when the units are of a credit charge's line, which the spend never counted", () => {
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([
      ["use", "90.00"],
      ["pass@2026-01-01", "20.00"],
      ["pass@2026-01-16", "30.00"],
    ]);
    expect(invoice.commitments).toEqual([
      { id: "q1", name: "Q1 commitment", minimum: "100.00", spend: "110.00" },
    ]);
    // 30 units off `pass@2026-01-16` credit 30.00; the spend stays 110.00, above 100.00. Counted as
    // spend, 110.00 − 30.00 = 80.00 was below the minimum and the note was refused.
    expect(issueCreditNote(contract, invoice, unitsOff("pass@2026-01-16", "30")).total).toBe("30.00");
  });

  it("is refused when the units are of the same charge's line before it became a credit", () => {
    // 20 units off `pass@2026-01-01` (spend) leave 110.00 − 20.00 = 90.00, below the 100.00 minimum
    const error = thrown(() => issueCreditNote(contract, invoice, unitsOff("pass@2026-01-01", "20")));
    expect(error).toMatchObject({ code: "invalid_field", path: "corrections[0].kind" });
    // 10 units leave 100.00, the minimum: issued
    expect(issueCreditNote(contract, invoice, unitsOff("pass@2026-01-01", "10")).total).toBe("10.00");
  });
});
