import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isRatecardError } from "../../src/errors/index.js";
import { type Invoice, invoiceSchema, issueCreditNote } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import type { CreditNote } from "../../src/schema/index.js";
import { fixtureContract } from "../_arbitraries/contracts.js";

const fixtureInvoice = (name: string): Invoice =>
  invoiceSchema.parse(
    JSON.parse(
      readFileSync(join(import.meta.dirname, "..", "..", "fixtures", name, "expected.json"), "utf8"),
    ),
  );

type Correction =
  | { readonly kind: "invoice"; readonly reason: string }
  | { readonly kind: "line"; readonly line: string; readonly reason: string }
  | { readonly kind: "amount"; readonly line: string; readonly amount: string; readonly reason: string };

// Golden-rich drew an SLA credit before tax (25.00 over two lines) and a wallet after tax (200.00).
const contract = fixtureContract("golden-rich");
const invoice = fixtureInvoice("golden-rich");
const lineIds = invoice.lines.map((line) => line.id);
const zero = new Decimal(0);
const sum = (values: ReadonlyArray<string>) => values.reduce((total, value) => total.plus(value), zero);

// Issues each batch as a note, with the notes before it; a batch crediting past what a line has left is
// refused (credit_exceeds_invoiced) and issues nothing.
function issueAll(
  batches: ReadonlyArray<ReadonlyArray<Correction>>,
  on: { contract: typeof contract; invoice: Invoice } = { contract, invoice },
): CreditNote[] {
  const notes: CreditNote[] = [];
  for (const batch of batches) {
    try {
      notes.push(issueCreditNote(on.contract, on.invoice, batch, { previous: notes }));
    } catch (error) {
      expect(isRatecardError(error) && error.code === "credit_exceeds_invoiced").toBe(true);
    }
  }
  return notes;
}

function restoredTo(notes: ReadonlyArray<CreditNote>, grant: string): Decimal {
  return sum(
    notes
      .flatMap((note) => note.settlement?.credits ?? [])
      .filter((c) => c.id === grant)
      .map((c) => c.restored),
  );
}

const lineCorrection = fc
  .constantFrom(...lineIds)
  .map((line): Correction => ({ kind: "line", line, reason: "r" }));
const amountCorrection = fc
  .record({ line: fc.constantFrom(...lineIds), cents: fc.integer({ min: 1, max: 20_000 }) })
  .map(
    ({ line, cents }): Correction => ({
      kind: "amount",
      line,
      amount: (cents / 100).toFixed(2),
      reason: "r",
    }),
  );

describe("credit note settlement laws (golden-rich)", () => {
  it("each note's money and what it gives back after tax add up to its total; no grant gets back more than it paid", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(lineCorrection, amountCorrection), { minLength: 1, maxLength: 3 }), {
          maxLength: 6,
        }),
        (batches) => {
          const notes = issueAll(batches);
          for (const note of notes) {
            const settlement = note.settlement!;
            const afterTax = settlement.credits.filter((credit) => credit.stage === "after_tax");
            expect(new Decimal(settlement.money).plus(sum(afterTax.map((c) => c.restored))).toFixed(2)).toBe(
              note.total,
            );
            expect(new Decimal(settlement.money).isNegative()).toBe(false);
            expect(settlement.credits.every((credit) => new Decimal(credit.restored).greaterThan(0))).toBe(
              true,
            );
          }
          for (const credit of invoice.credits ?? [])
            expect(
              restoredTo(notes, credit.id).lessThanOrEqualTo(new Decimal(credit.applied).negated()),
            ).toBe(true);
        },
      ),
    );
  });

  it("notes crediting whole lines, then the rest of the invoice, give back exactly what was paid: money and each grant", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(lineCorrection, { minLength: 1, maxLength: 3 }), { maxLength: 5 }),
        (batches) => {
          const notes = issueAll([...batches, [{ kind: "invoice", reason: "the rest" }]]);
          // whole lines carry the tax the invoice put on them, so the notes credit its total exactly
          expect(sum(notes.map((note) => note.total)).toFixed(2)).toBe(invoice.total);
          expect(sum(notes.map((note) => note.settlement!.money)).toFixed(2)).toBe(invoice.amountDue);
          for (const credit of invoice.credits ?? [])
            expect(restoredTo(notes, credit.id).toFixed(2)).toBe(
              new Decimal(credit.applied).negated().toFixed(2),
            );
        },
      ),
    );
  });
});

// Saas-seats billed 1,494.63 of charges and a credit line of −40.00: 1,454.63.
describe("credit note laws on an invoice with a credit line (saas-seats)", () => {
  const seats = { contract: fixtureContract("saas-seats"), invoice: fixtureInvoice("saas-seats") };
  const charges = seats.invoice.lines.filter((line) => !line.amount.startsWith("-")).map((line) => line.id);
  const correction = fc.oneof(
    fc.constantFrom(...charges).map((line): Correction => ({ kind: "line", line, reason: "r" })),
    fc.record({ line: fc.constantFrom(...charges), cents: fc.integer({ min: 1, max: 60_000 }) }).map(
      ({ line, cents }): Correction => ({
        kind: "amount",
        line,
        amount: (cents / 100).toFixed(2),
        reason: "r",
      }),
    ),
  );

  it("notes never credit more than the invoice billed, and the whole invoice's note brings them to it exactly", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(correction, { minLength: 1, maxLength: 3 }), { maxLength: 6 }),
        (batches) => {
          const partial = issueAll(batches, seats);
          expect(sum(partial.map((note) => note.total)).lessThanOrEqualTo(seats.invoice.total)).toBe(true);
          const all = issueAll([...batches, [{ kind: "invoice", reason: "the rest" }]], seats);
          expect(sum(all.map((note) => note.total)).toFixed(2)).toBe(seats.invoice.total);
        },
      ),
    );
  });
});
