import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FocusRow, focusRows, issueCreditNote, rateInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { lineDecimalsCaseArb as caseArb } from "../_arbitraries/lineDecimals.js";
import { buildContract, type ChargeInput } from "../_support/contract.js";
import { violations } from "./focusSpec.js";

// Invoices whose lines are finer than the currency (rounding.lineDecimals, Azure's $0.1264): the lines
// and tax add up to the unrounded total, so the rounding adjustment gets an Adjustment row and the rows
// reach the invoice's total (docs/focus-export.md, "Lines finer than the currency").
const PROVIDER = { provider: "Acme Cloud" };
const fee = (id: string, amount: string): ChargeInput => ({
  id,
  name: id,
  quantity: "1",
  price: { model: "unit", unitPrice: amount },
});
const VAT = { mode: "exclusive", rates: [{ id: "vat", name: "VAT", percent: "20" }] };
const billed = (rows: ReadonlyArray<FocusRow>) =>
  rows.reduce((sum, row) => sum.plus(row.BilledCost ?? "NaN"), new Decimal(0));
const cells = (rows: ReadonlyArray<FocusRow>) =>
  rows.map((row) => [row.ChargeCategory, row.BilledCost, row.x_LineId]);

function azure(extra: { tax?: object; credits?: object[] } = {}) {
  return buildContract({
    meters: [],
    charges: [fee("a", "0.125"), fee("b", "0.1264")],
    rounding: { lineDecimals: 4 } as never,
    ...(extra.tax ? { tax: extra.tax as never } : {}),
    ...(extra.credits ? { credits: extra.credits as never } : {}),
  });
}

describe("focusRows: lines finer than the currency", () => {
  it("adds Azure's rounding adjustment as a row: 0.1250 + 0.1264 − 0.0014 = 0.25", () => {
    // 0.125 + 0.1264 = 0.2514 → 0.25 half-even (0.0014 is under half a cent): adjustment −0.0014.
    const invoice = rateInvoice(azure(), [], "2026-03");
    const rows = focusRows(invoice, PROVIDER);
    expect(cells(rows)).toEqual([
      ["Usage", "0.1250", "a"],
      ["Usage", "0.1264", "b"],
      ["Adjustment", "-0.0014", "rounding"],
    ]);
    expect(rows[2]).toMatchObject({
      ChargeDescription: "Rounding adjustment of the total",
      ChargeFrequency: "One-Time",
      ListCost: "-0.0014",
      ContractedCost: "-0.0014",
      EffectiveCost: "-0.0014",
      ConsumedQuantity: null,
      ChargePeriodStart: "2026-03-01T00:00:00Z",
    });
    expect(billed(rows).toFixed()).toBe("0.25");
    expect(invoice.total).toBe("0.25");
    expect(rows.flatMap(violations)).toEqual([]);
  });

  it("puts the adjustment after the tax: 0.1250 + 0.1264 + 0.0503 − 0.0017 = 0.30", () => {
    // VAT 20 % per line: 0.025 + 0.02528 → 0.0253, 0.0503 in all; 0.2514 + 0.0503 = 0.3017 → 0.30.
    const rows = focusRows(rateInvoice(azure({ tax: VAT }), [], "2026-03"), PROVIDER);
    expect(cells(rows)).toEqual([
      ["Usage", "0.1250", "a"],
      ["Usage", "0.1264", "b"],
      ["Tax", "0.0503", "tax:vat"],
      ["Adjustment", "-0.0017", "rounding"],
    ]);
    expect(billed(rows).toFixed()).toBe("0.3");
    expect(rows.flatMap(violations)).toEqual([]);
  });

  it("adds a positive adjustment when the total rounds up: 0.004 + 0.004 + 0.002 = 0.01", () => {
    // Azure's cost-rounding example: two charges of $0.004, 0.008 shown as $0.01.
    const contract = buildContract({
      meters: [],
      charges: [fee("a", "0.004"), fee("b", "0.004")],
      rounding: { lineDecimals: 3 } as never,
    });
    const rows = focusRows(rateInvoice(contract, [], "2026-03"), PROVIDER);
    expect(cells(rows).map(([category, cost]) => [category, cost])).toEqual([
      ["Usage", "0.004"],
      ["Usage", "0.004"],
      ["Adjustment", "0.002"],
    ]);
    expect(billed(rows).toFixed()).toBe("0.01");
  });

  it("writes no rounding row when the total needed none, nor when lineDecimals is the currency's", () => {
    // 0.125 + 0.125 = 0.25: already whole cents, adjustment 0.
    const exact = buildContract({
      meters: [],
      charges: [fee("a", "0.125"), fee("b", "0.125")],
      rounding: { lineDecimals: 3 } as never,
    });
    const same = buildContract({
      meters: [],
      charges: [fee("a", "0.125")],
      rounding: { lineDecimals: 2 } as never,
    });
    for (const contract of [exact, same]) {
      const rows = focusRows(rateInvoice(contract, [], "2026-03"), PROVIDER);
      expect(rows.map((row) => row.ChargeCategory)).not.toContain("Adjustment");
    }
  });

  it("reaches the amount due when a credit after tax pays part of the rounded total", () => {
    // total 0.25 (as above); a prepaid credit used after tax pays 0.10 of it: amount due 0.15.
    const contract = azure({
      credits: [{ id: "g", name: "Grant", kind: "prepaid", taxed: "at_use", amount: "0.10" }],
    });
    const invoice = rateInvoice(contract, [], "2026-03", { creditsStartFull: true });
    expect([invoice.total, invoice.amountDue]).toEqual(["0.25", "0.15"]);
    const rows = focusRows(invoice, PROVIDER);
    expect(rows.map((row) => row.ChargeCategory)).toEqual(["Usage", "Usage", "Adjustment", "Credit"]);
    expect(billed(rows).toFixed()).toBe("0.15");
    expect(rows.flatMap(violations)).toEqual([]);
  });
});

describe("a credit note of an invoice whose amount due was rounded (a grant paid a fraction of a cent)", () => {
  it("takes the amount due's rounding back in a row of its own: its rows give back its money, the invoice's and its add up to 0", () => {
    // total 0.25 (as above); the grant, 0.1030 carried, pays 0.1030: due 0.25 − 0.1030 = 0.1470 → 0.15,
    // an adjustment of +0.0030. The invoice's rows: 0.1250 + 0.1264 − 0.0014 − 0.1030 + 0.0030 = 0.15.
    const contract = azure({
      credits: [{ id: "g", name: "Grant", kind: "prepaid", taxed: "at_use", amount: "0.20" }],
    });
    const invoice = rateInvoice(contract, [], "2026-03", { creditBalances: { g: "0.1030" } });
    expect([invoice.total, invoice.amountDue]).toEqual(["0.25", "0.15"]);
    const note = issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "void" }]);
    // money 0.15, 0.1030 back to the grant, money before rounding 0.25 − 0.1030 = 0.1470
    expect(note.settlement).toMatchObject({
      money: "0.15",
      rounding: { before: "0.1470", adjustment: "0.0030" },
    });
    const rows = focusRows(note, {
      ...PROVIDER,
      invoice,
      correctionPeriod: { start: "2026-04-01T00:00:00Z", end: "2026-05-01T00:00:00Z" },
    });
    // −0.1250 − 0.1264 + 0.0014 (the total's rounding) + 0.1030 (the grant's Credit row back) − 0.0030
    // (the amount due's rounding, after the credits as on the invoice) = −0.15. Before, without the last row: −0.1470, not the money.
    expect(cells(rows)).toEqual([
      ["Usage", "-0.1250", "a:credit:1"],
      ["Usage", "-0.1264", "b:credit:2"],
      ["Adjustment", "0.0014", "rounding"],
      ["Credit", "0.1030", "credit:g"],
      ["Adjustment", "-0.0030", "rounding:amount_due"],
    ]);
    expect(billed(rows).toFixed()).toBe("-0.15");
    expect(
      billed(rows)
        .plus(billed(focusRows(invoice, PROVIDER)))
        .toFixed(),
    ).toBe("0");
    expect(rows.flatMap(violations)).toEqual([]);
  });
});

describe("credit notes of an invoice with lines finer than the currency", () => {
  const contract = azure({ tax: VAT });
  const invoice = rateInvoice(contract, [], "2026-03");

  it("credits a line's exact amount and tax, and rounds the note's total to cents as the invoice was", () => {
    // line b billed 0.1264 and its tax 0.02528 → 0.0253: exactly 0.1264 + 0.0253 = 0.1517, rounded
    // half-even to 0.15 (adjustment −0.0017), as the invoice's own 0.3017 was rounded to 0.30.
    const note = issueCreditNote(contract, invoice, [{ kind: "line", line: "b", reason: "Outage" }]);
    expect(note.lines.map((line) => line.amount)).toEqual(["0.1264"]);
    expect([note.subtotal, note.tax?.total, note.total]).toEqual(["0.1264", "0.0253", "0.15"]);
    expect(note.rounding).toEqual({
      lineDecimals: 4,
      total: { minorUnits: 2, before: "0.1517", adjustment: "-0.0017" },
    });
    const correctionPeriod = { start: "2026-04-01T00:00:00Z", end: "2026-05-01T00:00:00Z" };
    const rows = focusRows(note, { ...PROVIDER, invoice, correctionPeriod });
    // A credit bills negative costs: −0.1264 − 0.0253 + 0.0017 = −0.15, minus the note's total.
    expect(rows.map((row) => row.BilledCost)).toEqual(["-0.1264", "-0.0253", "0.0017"]);
    expect(rows[2]).toMatchObject({ ChargeCategory: "Adjustment", ChargeClass: "Correction" });
    expect(billed(rows).toFixed()).toBe("-0.15");
    expect(rows.flatMap(violations)).toEqual([]);
  });

  it("credits the whole invoice as billed: 0.1250 + 0.1264 + 0.0503 = 0.3017, rounded to 0.30", () => {
    const note = issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "Cancelled" }]);
    expect(note.lines.map((line) => line.amount)).toEqual(["0.1250", "0.1264"]);
    expect(note.total).toBe("0.30");
    expect(note.total).toBe(invoice.total);
  });

  it("credits line by line exactly what the invoice billed, rounding cumulatively", () => {
    // Note 1, line b: 0.1517 → 0.15. Note 2, line a: 0.1250 + 0.0250 tax = 0.1500 exact; credited in all
    // 0.1517 + 0.1500 = 0.3017 → 0.30, less the 0.15 already credited: 0.15 (adjustment 0.0000).
    // 0.15 + 0.15 = 0.30, the invoice's total; rounding each note alone would also give 0.15 + 0.15 here,
    // but not in general (the property below).
    const first = issueCreditNote(contract, invoice, [{ kind: "line", line: "b", reason: "Outage" }]);
    const second = issueCreditNote(contract, invoice, [{ kind: "line", line: "a", reason: "Outage" }], {
      previous: [first],
    });
    expect([first.total, second.total]).toEqual(["0.15", "0.15"]);
    expect(second.rounding?.total).toEqual({ minorUnits: 2, before: "0.1500", adjustment: "0.0000" });
  });

  it("credits 0.01 for three lines of 0.004 billed as 0.01, not 0.00 + 0.00 + 0.00 nor 0.01 × 3", () => {
    // 0.004 × 3 = 0.012 → 0.01 billed. Note by note, cumulatively (half-even):
    // round(0.004) − 0 = 0.00; round(0.008) − round(0.004) = 0.01 − 0.00 = 0.01; round(0.012) − 0.01 = 0.00.
    const small = buildContract({
      meters: [],
      charges: [fee("x", "0.004"), fee("y", "0.004"), fee("z", "0.004")],
      rounding: { lineDecimals: 3 } as never,
    });
    const billedInvoice = rateInvoice(small, [], "2026-03");
    expect(billedInvoice.total).toBe("0.01");
    const notes: ReturnType<typeof issueCreditNote>[] = [];
    for (const line of ["x", "y", "z"])
      notes.push(
        issueCreditNote(small, billedInvoice, [{ kind: "line", line, reason: "Refund" }], {
          previous: notes,
        }),
      );
    expect(notes.map((note) => note.total)).toEqual(["0.00", "0.01", "0.00"]);
  });
});

// A generated case as a contract: one fee per price, lines kept at the case's decimals, VAT or none.
function generatedContract({
  lineDecimals,
  mode,
  prices,
  taxed,
}: Parameters<Parameters<typeof caseArb.map>[0]>[0]) {
  return buildContract({
    meters: [],
    charges: prices.map((price, index) => fee(`f${index}`, price.toFixed())),
    rounding: { mode, lineDecimals } as never,
    ...(taxed ? { tax: VAT as never } : {}),
  });
}

describe("credit notes (property): lines finer than the currency", () => {
  it("the notes of an invoice credited line by line add up to exactly what it billed", () => {
    fc.assert(
      fc.property(caseArb, (generated) => {
        const contract = generatedContract(generated);
        const invoice = rateInvoice(contract, [], "2026-03");
        const notes: ReturnType<typeof issueCreditNote>[] = [];
        for (const line of invoice.lines) {
          if (!new Decimal(line.amount).greaterThan(0)) continue;
          notes.push(
            issueCreditNote(contract, invoice, [{ kind: "line", line: line.id, reason: "r" }], {
              previous: notes,
            }),
          );
        }
        const credited = notes.reduce((sum, note) => sum.plus(note.total), new Decimal(0));
        const positive = invoice.lines.every((line) => new Decimal(line.amount).greaterThan(0));
        if (positive) expect(credited.toFixed(2)).toBe(new Decimal(invoice.total).toFixed(2));
      }),
    );
  });
});

describe("focusRows (property): lines finer than the currency", () => {
  it("the rows add up to the total exactly; a rounding row exactly when the adjustment is not zero", () => {
    fc.assert(
      fc.property(caseArb, (generated) => {
        const contract = generatedContract(generated);
        const invoice = rateInvoice(contract, [], "2026-03");
        const rows = focusRows(invoice, PROVIDER);
        expect(billed(rows).equals(invoice.total)).toBe(true);
        const adjustment = new Decimal(invoice.rounding.total?.adjustment ?? "0");
        const roundingRows = rows.filter((row) => row.x_LineId === "rounding");
        expect(roundingRows.length).toBe(adjustment.isZero() ? 0 : 1);
        expect(rows.flatMap(violations)).toEqual([]);
      }),
    );
  });
});
