import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isRatecardError } from "../../src/errors/index.js";
import { type Invoice, invoiceSchema, issueCreditNote, rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import type { CreditNote } from "../../src/schema/index.js";
import { fixtureContract } from "../_arbitraries/contracts.js";
import { computeAndStorageUsage, walletAndTopUp } from "../_support/contract.js";
import { fuzzTimeout } from "../_support/fuzzRuns.js";

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

// A correction of one of `lines`: the whole line, or an amount of it of 0.01 to `maxCents` cents.
const lineCorrectionOf = (lines: ReadonlyArray<string>) =>
  fc.constantFrom(...lines).map((line): Correction => ({ kind: "line", line, reason: "r" }));
const amountCorrectionOf = (lines: ReadonlyArray<string>, maxCents: number) =>
  fc.record({ line: fc.constantFrom(...lines), cents: fc.integer({ min: 1, max: maxCents }) }).map(
    ({ line, cents }): Correction => ({
      kind: "amount",
      line,
      amount: (cents / 100).toFixed(2),
      reason: "r",
    }),
  );
const correctionOf = (lines: ReadonlyArray<string>, maxCents: number) =>
  fc.oneof(lineCorrectionOf(lines), amountCorrectionOf(lines, maxCents));

const lineCorrection = lineCorrectionOf(lineIds);
const amountCorrection = amountCorrectionOf(lineIds, 20_000);

describe("credit note settlement laws (golden-rich)", () => {
  it("each note's money and what it gives back after tax add up to its total; no grant gets back more than it paid", {
    timeout: fuzzTimeout(),
  }, () => {
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
            expect(
              new Decimal(settlement.money).plus(sum(afterTax.map((c) => c.restored))).equals(note.total),
            ).toBe(true);
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

  it("notes crediting whole lines, then the rest of the invoice, give back exactly what was paid: money and each grant", {
    timeout: fuzzTimeout(),
  }, () => {
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
  const correction = correctionOf(charges, 60_000);

  it("notes never credit more than the invoice billed, and the whole invoice's note brings them to it exactly", {
    timeout: fuzzTimeout(),
  }, () => {
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

// Lines finer than the currency (rounding.lineDecimals 3 or 4, USD's total in cents) and two grants after
// tax whose carried balances are in those finer decimals, so what they pay, and what the invoice asks in
// money (its total less that), need not be whole cents.
describe("credit note settlement laws: grants that paid fractions of a cent (lines finer than the currency)", () => {
  // Quantities and balances are drawn in ten-thousandths and cut down to the line decimals. The top-up
  // (drawn first: ids break the tie) is often full, 1.00, so that it pays whole cents and a note giving
  // it back more than it paid would leave it above its amount.
  const caseArb = fc.record({
    lineDecimals: fc.constantFrom(3, 4),
    mode: fc.constantFrom("half_even", "half_up", "up", "down", "ceiling", "floor"),
    compute: fc.integer({ min: 0, max: 900_000 }),
    storage: fc.integer({ min: 1, max: 900_000 }),
    wallet: fc.integer({ min: 0, max: 500_000 }),
    topup: fc.oneof(fc.constant(10_000), fc.integer({ min: 0, max: 10_000 })),
  });
  const fine = (units: number, lineDecimals: number) =>
    new Decimal(units).dividedBy(10_000).toDecimalPlaces(lineDecimals, Decimal.ROUND_DOWN).toFixed();
  const batchesArb = fc.array(
    fc.array(correctionOf(["compute", "storage"], 3_000), { minLength: 1, maxLength: 2 }),
    { maxLength: 4 },
  );
  const adjustmentOf = (note: CreditNote) => new Decimal(note.settlement?.rounding?.adjustment ?? 0);

  it("every note: money in cents, money = before + adjustment, before + after-tax restored = its total; running: no grant past what it paid, money ≤ amount due; in full: exactly what each paid, the amount due, and the invoice's rounding once", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(caseArb, batchesArb, (drawn, batches) => {
        const contract = walletAndTopUp(drawn.mode, drawn.lineDecimals);
        const { lineDecimals } = drawn;
        const usage = computeAndStorageUsage(
          fine(drawn.compute, lineDecimals),
          fine(drawn.storage, lineDecimals),
        );
        const billed = rateInvoice(contract, usage, "2026-03", {
          creditBalances: {
            wallet: fine(drawn.wallet, lineDecimals),
            topup: fine(drawn.topup, lineDecimals),
          },
        });
        const notes = issueAll([...batches, [{ kind: "invoice", reason: "the rest" }]], {
          contract,
          invoice: billed,
        });
        const grants = (billed.credits ?? []).filter((credit) => !new Decimal(credit.applied).isZero());
        if (grants.length === 0) return;
        const paidBy = (credit: { applied: string }) => new Decimal(credit.applied).negated();
        // 3: each note's parts add up to it exactly (no toFixed, which would hide a part finer than it)
        for (const note of notes) {
          const { money, rounding, credits } = note.settlement!;
          const afterTax = sum(credits.filter((c) => c.stage === "after_tax").map((c) => c.restored));
          expect(new Decimal(money).decimalPlaces()).toBeLessThanOrEqual(2);
          const before = new Decimal(note.total).minus(afterTax);
          expect(new Decimal(rounding?.before ?? before).equals(before)).toBe(true);
          expect(before.plus(adjustmentOf(note)).equals(money)).toBe(true);
        }
        // 1 and 2 on every running total: a grant never past what it paid, money never past the amount due
        notes.forEach((_, index) => {
          const running = notes.slice(0, index + 1);
          for (const credit of grants)
            expect(restoredTo(running, credit.id).lessThanOrEqualTo(paidBy(credit))).toBe(true);
          const money = sum(running.map((note) => note.settlement!.money));
          expect(money.lessThanOrEqualTo(billed.amountDue!)).toBe(true);
        });
        // Credited in full: the amount due as money, exactly what each grant paid, and the amount due's
        // rounding adjustment (under a cent) on one note, the invoice's own.
        expect(sum(notes.map((note) => note.total)).equals(billed.total)).toBe(true);
        expect(sum(notes.map((note) => note.settlement!.money)).equals(billed.amountDue!)).toBe(true);
        for (const credit of grants) expect(restoredTo(notes, credit.id).equals(paidBy(credit))).toBe(true);
        const rounded = notes.filter((note) => note.settlement!.rounding !== undefined);
        expect(rounded.length).toBeLessThanOrEqual(1);
        const adjustment = new Decimal(billed.rounding?.amountDue?.adjustment ?? 0);
        expect(adjustment.abs().lessThan("0.01")).toBe(true);
        expect(sum(notes.map((note) => adjustmentOf(note).toFixed())).equals(adjustment)).toBe(true);
        // The next invoice takes each grant's balance after this one plus what the notes gave back:
        // what it had before, never above its amount.
        const carried = Object.fromEntries(
          (billed.credits ?? []).map((credit) => [
            credit.id,
            new Decimal(credit.balanceAfter).plus(restoredTo(notes, credit.id)).toFixed(),
          ]),
        );
        for (const credit of billed.credits ?? [])
          expect(new Decimal(carried[credit.id]!).equals(credit.balanceBefore)).toBe(true);
        expect(() => rateInvoice(contract, [], "2026-04", { creditBalances: carried })).not.toThrow();
      }),
    );
  });
});
