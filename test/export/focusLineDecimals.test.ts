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

describe("credit notes of an invoice with lines finer than the currency", () => {
  const contract = azure({ tax: VAT });
  const invoice = rateInvoice(contract, [], "2026-03");

  it("credits a line's exact amount and its exact tax, not rounded to cents", () => {
    // line b billed 0.1264 and its tax 0.02528 → 0.0253: the note credits 0.1264 + 0.0253 = 0.1517.
    const note = issueCreditNote(contract, invoice, [{ kind: "line", line: "b", reason: "Outage" }]);
    expect(note.lines.map((line) => line.amount)).toEqual(["0.1264"]);
    expect([note.subtotal, note.tax?.total, note.total]).toEqual(["0.1264", "0.0253", "0.1517"]);
    const correctionPeriod = { start: "2026-04-01T00:00:00Z", end: "2026-05-01T00:00:00Z" };
    const rows = focusRows(note, { ...PROVIDER, invoice, correctionPeriod });
    expect(rows.map((row) => row.BilledCost)).toEqual(["-0.1264", "-0.0253"]);
    expect(billed(rows).toFixed()).toBe("-0.1517");
    expect(rows.flatMap(violations)).toEqual([]);
  });

  it("credits the lines and tax of the whole invoice exactly: 0.1250 + 0.1264 + 0.0503 = 0.3017", () => {
    // The note's total is the lines' exact sum; it is not rounded to cents as the invoice's 0.30 was
    // (see docs/credit-notes.md: the rounding adjustment is not credited back).
    const note = issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "Cancelled" }]);
    expect(note.lines.map((line) => line.amount)).toEqual(["0.1250", "0.1264"]);
    expect(note.total).toBe("0.3017");
  });
});

describe("focusRows (property): lines finer than the currency", () => {
  it("the rows add up to the total exactly; a rounding row exactly when the adjustment is not zero", () => {
    fc.assert(
      fc.property(caseArb, ({ lineDecimals, mode, prices, taxed }) => {
        const contract = buildContract({
          meters: [],
          charges: prices.map((price, index) => fee(`f${index}`, price.toFixed())),
          rounding: { mode, lineDecimals } as never,
          ...(taxed ? { tax: VAT as never } : {}),
        });
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
