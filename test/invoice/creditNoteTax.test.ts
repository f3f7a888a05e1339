import { describe, expect, it } from "vitest";
import { issueCreditNote, rateInvoice } from "../../src/invoice/index.js";
import type { CreditNote } from "../../src/schema/index.js";
import { buildContract, type ContractOverrides, flatCharge } from "../_support/contract.js";

// Tax on credit notes is rounded as the invoice rounded it, cumulatively (docs/credit-notes.md, "Tax"):
// the notes that credit an invoice in full give back exactly the tax it charged, never a cent more.
const vat = (rounding: "per_line" | "per_invoice"): ContractOverrides["tax"] => ({
  mode: "exclusive",
  rounding,
  rates: [{ id: "vat", name: "VAT", percent: "10" }],
});

function creditOneByOne(
  contract: ReturnType<typeof buildContract>,
  invoice: ReturnType<typeof rateInvoice>,
  batches: ReadonlyArray<ReadonlyArray<unknown>>,
): CreditNote[] {
  const notes: CreditNote[] = [];
  for (const batch of batches) notes.push(issueCreditNote(contract, invoice, batch, { previous: notes }));
  return notes;
}

// One fee of 0.25 at 10 % VAT rounded per line: tax 0.025, half-even → 0.02.
function quarterAtTenPercentPerLine() {
  const contract = buildContract({
    meters: [],
    charges: [flatCharge("a", "A", "0.25")],
    tax: vat("per_line"),
  });
  return { contract, invoice: rateInvoice(contract, [], "2026-03") };
}

describe("credit note tax, rounded cumulatively", () => {
  it("per_invoice: two lines of 0.35 credited one at a time give back the invoice's 0.77, not 0.78", () => {
    const contract = buildContract({
      meters: [],
      charges: [flatCharge("a", "A", "0.35"), flatCharge("b", "B", "0.35")],
      tax: vat("per_invoice"),
    });
    const invoice = rateInvoice(contract, [], "2026-03");
    // VAT 10 % of 0.70 = 0.07, rounded once: total 0.70 + 0.07 = 0.77
    expect([invoice.tax?.total, invoice.total]).toEqual(["0.07", "0.77"]);
    const [first, second] = creditOneByOne(contract, invoice, [
      [{ kind: "line", line: "a", reason: "x" }],
      [{ kind: "line", line: "b", reason: "x" }],
    ]);
    // note 1: 10 % of 0.35 = 0.035, a tie, half-even → 0.04; 0.35 + 0.04 = 0.39
    expect([first!.tax?.total, first!.total]).toEqual(["0.04", "0.39"]);
    // note 2: round(10 % of 0.70) − round(10 % of 0.35) = 0.07 − 0.04 = 0.03; 0.35 + 0.03 = 0.38.
    // Rounded on its own it was 0.04 again, 0.39: 0.78 credited for 0.77 billed.
    expect([second!.tax?.total, second!.tax?.rates[0]?.amount, second!.total]).toEqual([
      "0.03",
      "0.03",
      "0.38",
    ]);
    // exclusive: a note's net is what it credits before tax, 0.35 each
    expect([first!.tax?.net, second!.tax?.net]).toEqual(["0.35", "0.35"]);
  });

  it("per_line: a line of 0.25 credited as 0.15 then 0.10 gives back its tax of 0.02 once", () => {
    const { contract, invoice } = quarterAtTenPercentPerLine();
    // 10 % of 0.25 = 0.025, half-even → 0.02: total 0.27
    expect(invoice.total).toBe("0.27");
    const [first, second] = creditOneByOne(contract, invoice, [
      [{ kind: "amount", line: "a", amount: "0.15", reason: "x" }],
      [{ kind: "line", line: "a", reason: "x" }],
    ]);
    // note 1: 10 % of 0.15 = 0.015, half-even → 0.02; 0.15 + 0.02 = 0.17
    expect([first!.tax?.rates[0]?.lines[0]?.rounded, first!.total]).toEqual(["0.02", "0.17"]);
    // note 2 (the 0.10 left): round(0.025) − round(0.015) = 0.02 − 0.02 = 0.00; 0.10 in all.
    // Rounded on its own, 10 % of 0.10 = 0.01: 0.17 + 0.11 = 0.28 credited for 0.27 billed.
    expect([second!.tax?.rates[0]?.lines[0]?.rounded, second!.tax?.total, second!.total]).toEqual([
      "0.00",
      "0.00",
      "0.10",
    ]);
  });

  it("one note with two corrections of the same line rounds them in turn, as two notes would", () => {
    const { contract, invoice } = quarterAtTenPercentPerLine();
    const [note] = creditOneByOne(contract, invoice, [
      [
        { kind: "amount", line: "a", amount: "0.15", reason: "x" },
        { kind: "line", line: "a", reason: "x" },
      ],
    ]);
    // 0.02 on the first 0.15, 0.02 − 0.02 = 0.00 on the 0.10 left: 0.25 + 0.02 = 0.27, the invoice
    expect(note!.tax?.rates[0]?.lines.map((line) => line.rounded)).toEqual(["0.02", "0.00"]);
    expect(note!.total).toBe("0.27");
  });

  it("two rates: each rate's tax is rounded cumulatively on its own", () => {
    // VAT 10 % on both lines, a 2 % levy on b only, per_invoice: VAT round(0.07) = 0.07, levy
    // round(0.007) = 0.01; the invoice 0.70 + 0.08 = 0.78
    const rates = [
      { id: "vat", name: "VAT", percent: "10" },
      { id: "levy", name: "Levy", percent: "2", charges: ["b"] },
    ];
    const contract = buildContract({
      meters: [],
      charges: [flatCharge("a", "A", "0.35"), flatCharge("b", "B", "0.35")],
      tax: { mode: "exclusive", rounding: "per_invoice", rates },
    });
    const invoice = rateInvoice(contract, [], "2026-03");
    expect(invoice.total).toBe("0.78");
    const [first, second] = creditOneByOne(contract, invoice, [
      [{ kind: "line", line: "a", reason: "x" }],
      [{ kind: "line", line: "b", reason: "x" }],
    ]);
    // note 1: VAT round(0.035) = 0.04, no levy: 0.39; note 2: VAT 0.07 − 0.04 = 0.03, levy 0.01 − 0 =
    // 0.01: 0.35 + 0.04 = 0.39; 0.78 in all
    const taxOf = (note: CreditNote, id: string) => note.tax?.rates.find((rate) => rate.rate === id)?.amount;
    expect([taxOf(second!, "vat"), taxOf(second!, "levy")]).toEqual(["0.03", "0.01"]);
    expect([first!.total, second!.total]).toEqual(["0.39", "0.39"]);
    // per_line, b alone (0.25): VAT 0.025 → 0.02, levy 0.005 → 0.00 (half-even); one note gives back
    // 0.02 of tax, as the invoice charged
    const perLine = buildContract({
      meters: [],
      charges: [flatCharge("b", "B", "0.25")],
      tax: { mode: "exclusive", rounding: "per_line", rates },
    });
    const billed = rateInvoice(perLine, [], "2026-03");
    const [whole] = creditOneByOne(perLine, billed, [[{ kind: "line", line: "b", reason: "x" }]]);
    expect([billed.total, whole!.tax?.total, whole!.total]).toEqual(["0.27", "0.02", "0.27"]);
  });

  it("a note after a partial one, in yen, inclusive: the tax inside the two notes is the invoice's", () => {
    const contract = buildContract({
      currency: "JPY",
      meters: [],
      charges: [flatCharge("a", "A", "105"), flatCharge("b", "B", "105")],
      tax: { mode: "inclusive", rounding: "per_invoice", rates: [{ id: "vat", name: "VAT", percent: "10" }] },
    });
    const invoice = rateInvoice(contract, [], "2026-03");
    // 210 × 10 ÷ 110 = 19.09… → 19 yen of tax inside 210
    expect([invoice.tax?.total, invoice.total]).toEqual(["19", "210"]);
    const [first, second] = creditOneByOne(contract, invoice, [
      [{ kind: "line", line: "a", reason: "x" }],
      [{ kind: "invoice", reason: "x" }],
    ]);
    // note 1: 105 × 10 ÷ 110 = 9.545… → 10; note 2: 19 − 10 = 9 (on its own: 10 again, 20 in all)
    expect([first!.tax?.total, second!.tax?.total]).toEqual(["10", "9"]);
    expect([first!.total, second!.total]).toEqual(["105", "105"]);
    // inclusive: the note's net is what it credits less the tax inside, 105 − 10 = 95 and 105 − 9 = 96
    // (95 + 96 = 191 = the invoice's 210 − 19)
    expect([first!.tax?.net, second!.tax?.net]).toEqual(["95", "96"]);
  });
});
