import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { issueCreditNote, rateInvoice } from "../../src/invoice/index.js";
import type { CreditNote } from "../../src/schema/index.js";
import { buildContract, sumMeter, usageEvent } from "../_support/contract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";
import { textOf, unitsOfText } from "../_support/invoiceOracle.js";

// The tax the credit notes of an invoice give back, rate by rate (docs/credit-notes.md, "Tax"): notes
// crediting random parts of random lines, then one crediting the rest, never give back more of a rate
// than the invoice charged of it at any point, and all of them give back exactly that. Over exclusive
// and inclusive tax, per line and per invoice, in JPY, USD and BHD, with a second rate on one charge and
// a rate that changes on a day of the period (each line's period cut there, docs/tax.md): the cases the
// examples of creditNoteTax.test.ts do not combine.

const MINOR_UNITS = { JPY: 0, USD: 2, BHD: 3 } as const;

const caseArb = fc.record({
  mode: fc.constantFrom("exclusive" as const, "inclusive" as const),
  rounding: fc.constantFrom("per_line" as const, "per_invoice" as const),
  currency: fc.constantFrom("JPY" as const, "USD" as const, "BHD" as const),
  /** Units of each charge's meter, at 0.0137 a unit (so lines and taxes round). */
  usage: fc.array(fc.integer({ min: 1, max: 99_999 }), { minLength: 1, maxLength: 3 }),
  /** Tenths of a percent of the first rate; the day it changes to 21 %, if it does. */
  percent10: fc.integer({ min: 1, max: 250 }),
  changeDay: fc.option(fc.integer({ min: 2, max: 31 }), { nil: undefined }),
  /** Each note: which line and what percent of its amount it credits (while any is left). */
  notes: fc.array(fc.tuple(fc.nat(2), fc.integer({ min: 1, max: 100 })), { minLength: 1, maxLength: 5 }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function contractOf(c: Case) {
  const day = c.changeDay === undefined ? undefined : `2026-03-${String(c.changeDay).padStart(2, "0")}`;
  const first = { id: "vat", name: "VAT", percent: textOf(BigInt(c.percent10), 1) };
  return buildContract({
    currency: c.currency,
    meters: c.usage.map((_, index) => sumMeter(`m${index}`)),
    charges: c.usage.map((_, index) => ({
      id: `c${index}`,
      name: `Charge ${index}`,
      meter: `m${index}`,
      price: { model: "unit", unitPrice: "0.0137" },
    })),
    tax: {
      mode: c.mode,
      rounding: c.rounding,
      rates: [
        ...(day === undefined
          ? [first]
          : [
              { ...first, until: day },
              { id: "vat_new", name: "VAT 21%", percent: "21", from: day },
            ]),
        { id: "levy", name: "Levy 2.5%", percent: "2.5", charges: ["c0"] },
      ],
    },
  });
}

describe("credit notes give back the tax the invoice charged, rate by rate", () => {
  it("never more of a rate at any note, and exactly it once the whole invoice is credited", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const contract = contractOf(c);
        const scale = MINOR_UNITS[c.currency];
        const events = c.usage.map((units, index) =>
          usageEvent(`e${index}`, `m${index}`, "2026-03-05T00:00:00Z", { v: String(units) }),
        );
        const invoice = rateInvoice(contract, events, "2026-03");
        const notes: CreditNote[] = [];
        for (const [pick, percent] of c.notes) {
          const line = invoice.lines[pick % invoice.lines.length]!;
          // percent of the line's amount, in whole minor units (rounded down)
          const amount = (unitsOfText(line.amount, scale) * BigInt(percent)) / 100n;
          const left = unitsOfText(line.amount, scale) - credited(notes, line.id, scale);
          if (amount === 0n || amount > left) continue;
          const correction = { kind: "amount", line: line.id, amount: textOf(amount, scale), reason: "Part" };
          notes.push(issueCreditNote(contract, invoice, [correction], { previous: notes }));
          for (const rate of invoice.tax!.rates)
            expect(taxOf(notes, rate.rate, scale)).toBeLessThanOrEqual(unitsOfText(rate.amount, scale));
        }
        notes.push(
          issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "The rest" }], { previous: notes }),
        );
        // every rate's tax given back, to the minor unit, and the notes' totals add up to the invoice's
        expect(
          Object.fromEntries(invoice.tax!.rates.map((rate) => [rate.rate, taxOf(notes, rate.rate, scale)])),
        ).toEqual(
          Object.fromEntries(invoice.tax!.rates.map((rate) => [rate.rate, unitsOfText(rate.amount, scale)])),
        );
        const totals = notes.reduce((sum, note) => sum + unitsOfText(note.total, scale), 0n);
        expect(textOf(totals, scale)).toBe(invoice.total);
      }),
      { numRuns: fuzzRuns(60) },
    );
  });
});

// What the notes credited of one invoice line, before tax.
function credited(notes: ReadonlyArray<CreditNote>, line: string, scale: number): bigint {
  return notes
    .flatMap((note) => note.lines.filter((entry) => entry.corrects === line))
    .reduce((sum, entry) => sum + unitsOfText(entry.amount, scale), 0n);
}

// The tax of one rate the notes gave back.
function taxOf(notes: ReadonlyArray<CreditNote>, rate: string, scale: number): bigint {
  return notes
    .flatMap((note) => note.tax?.rates.filter((entry) => entry.rate === rate) ?? [])
    .reduce((sum, entry) => sum + unitsOfText(entry.amount, scale), 0n);
}
