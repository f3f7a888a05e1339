import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isRatecardError } from "../../src/errors/index.js";
import {
  type Invoice,
  issueCreditNote,
  rateClosingInvoice,
  rateProgressiveInvoice,
} from "../../src/invoice/index.js";
import type { CreditNote } from "../../src/schema/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";
import {
  eventsOf,
  gbOf,
  minorUnitsOf,
  money,
  type OracleTerms,
  oracleContract,
  oracleInvoice,
  plainTermsArb,
  sumOf,
  textOf,
  two,
  unitsOfText,
  usageArb,
} from "../_support/invoiceOracle.js";

// The documents of a period billed progressively, with credit notes of both kinds against the earlier
// invoices (docs/progressive-billing.md, "Credit notes of earlier invoices"), against the invoice of the
// period's true usage worked out on BigInt minor units (test/_support/invoiceOracle.ts). Wrong events
// (counted but not real) are rated until found; when found, a note takes their units off an earlier
// invoice and the later invoices are rated without them. Goodwill notes of amounts are issued against any
// earlier invoice and the close. Whatever the order: Σ invoices − Σ notes of units = the oracle's true
// period, line, subtotal, tax and total; the notes of amounts stay credited on top.
const OPTIONS = { creditsStartFull: true } as const;
const wrongArb = fc.array(
  fc.record({
    day: fc.integer({ min: 1, max: 28 }),
    gb: fc.integer({ min: 1, max: 200 }),
    found: fc.nat(3),
  }),
  { maxLength: 3 },
);
const goodwillArb = fc.array(
  fc.record({ after: fc.nat(4), on: fc.nat(4), share: fc.integer({ min: 1, max: 99 }) }),
  { maxLength: 3 },
);
const splitsArb = fc.uniqueArray(fc.integer({ min: 2, max: 31 }), { minLength: 1, maxLength: 3 });

type Wrong = { readonly day: number; readonly gb: number; readonly found: number };

// A note ratecard refuses (a credit of 0.00 in a free tier, more than is left of the line) is not issued.
function issued(make: () => CreditNote): CreditNote | undefined {
  try {
    return make();
  } catch (error) {
    if (isRatecardError(error) && ["credit_exceeds_invoiced"].includes(error.code)) return undefined;
    throw error;
  }
}

function billPeriod(
  terms: OracleTerms,
  usage: Parameters<typeof eventsOf>[0],
  wrong: ReadonlyArray<Wrong>,
  days: number[],
  goodwill: ReadonlyArray<{ after: number; on: number; share: number }>,
) {
  const contract = buildContract(oracleContract(terms));
  const scale = minorUnitsOf(terms);
  const removed = new Set<number>();
  const eventsNow = () => [
    ...eventsOf(usage, "u"),
    ...wrong.flatMap((w, index) =>
      removed.has(index)
        ? []
        : [usageEvent(`w${index}`, "gb", `2026-03-${two(w.day)}T01:00:00Z`, { v: String(w.gb) })],
    ),
  ];
  const invoices: Invoice[] = [];
  const notes: CreditNote[] = [];
  const notesOf = (invoice: Invoice) => notes.filter((note) => note.invoiceId === invoice.id);
  const creditedOf = (invoice: Invoice, figure: (line: CreditNote["lines"][number]) => string | undefined) =>
    notesOf(invoice).flatMap((note) => note.lines.filter((l) => l.corrects === "bw").map(figure));
  const bwOf = (invoice: Invoice) => invoice.lines.find((candidate) => candidate.id === "bw");
  const unitsLeft = (invoice: Invoice) =>
    creditedOf(invoice, (l) => l.quantity).reduce(
      (sum, units) => sum - Number(units ?? 0),
      Number(bwOf(invoice)?.quantity ?? 0),
    );
  const moneyLeft = (invoice: Invoice) =>
    unitsOfText(bwOf(invoice)?.net ?? bwOf(invoice)?.amount ?? "0", scale) -
    unitsOfText(
      sumOf(
        terms,
        creditedOf(invoice, (l) => l.amount),
      ),
      scale,
    );
  const goodwillOn = (invoice: Invoice, share: number) => {
    const amount = (moneyLeft(invoice) * BigInt(share)) / 100n;
    if (amount <= 0n) return;
    const reason = "goodwill";
    const note = issued(() =>
      issueCreditNote(
        contract,
        invoice,
        [{ kind: "amount", line: "bw", amount: textOf(amount, scale), reason }],
        {
          previous: notesOf(invoice),
        },
      ),
    );
    if (note !== undefined) notes.push(note);
  };
  days.forEach((day, k) => {
    invoices.push(
      rateProgressiveInvoice(contract, eventsNow(), "2026-03", `2026-03-${two(day)}`, {
        ...OPTIONS,
        earlier: [...invoices],
        creditNotes: [...notes],
      }),
    );
    // wrong events found now: their units taken off the first earlier invoice that has them left
    wrong.forEach((w, index) => {
      if (removed.has(index) || w.found % days.length !== k) return;
      for (const invoice of invoices) {
        if (unitsLeft(invoice) < w.gb) continue;
        const correction = { kind: "quantity", line: "bw", quantity: String(w.gb), reason: "counted" };
        const note = issued(() =>
          issueCreditNote(contract, invoice, [correction], { previous: notesOf(invoice) }),
        );
        if (note === undefined) continue;
        notes.push(note);
        removed.add(index);
        return;
      }
    });
    for (const entry of goodwill)
      if (entry.after % days.length === k) goodwillOn(invoices[entry.on % (k + 1)]!, entry.share);
  });
  const closing = rateClosingInvoice(contract, eventsNow(), "2026-03", {
    ...OPTIONS,
    earlier: invoices,
    creditNotes: [...notes],
  });
  for (const entry of goodwill) if (entry.after === 4) goodwillOn(closing, entry.share);
  const trueGb = gbOf(usage) + wrong.reduce((sum, w, index) => sum + (removed.has(index) ? 0 : w.gb), 0);
  return { documents: [...invoices, closing], notes, trueGb };
}

describe("progressive invoices, credit notes of units and of amounts, and the close, against the oracle", () => {
  it("Σ billed − Σ credited for units is the true period; amounts credited on purpose stay credited", () => {
    fc.assert(
      fc.property(
        plainTermsArb,
        usageArb,
        wrongArb,
        splitsArb,
        goodwillArb,
        (terms, usage, wrong, split, goodwill) => {
          const days = [...split].sort((a, b) => a - b);
          const { documents, notes, trueGb } = billPeriod(terms, usage, wrong, days, goodwill);
          const expected = oracleInvoice(terms, trueGb);
          const units = notes.filter((note) => note.lines.every((line) => line.quantity !== undefined));
          const net = (
            ofInvoice: (i: Invoice) => ReadonlyArray<string | undefined>,
            ofNote: (n: CreditNote) => ReadonlyArray<string | undefined>,
          ) =>
            sumOf(terms, [
              ...documents.flatMap(ofInvoice),
              ...units.flatMap(ofNote).map((figure) => `-${figure ?? "0"}`),
            ]);
          const bw = (lines: ReadonlyArray<{ id?: string; corrects?: string; amount: string }>) =>
            lines.filter((line) => (line.corrects ?? line.id) === "bw").map((line) => line.amount);
          expect(
            net(
              (i) => bw(i.lines),
              (n) => bw(n.lines),
            ),
          ).toBe(money(terms, expected.usage));
          expect(
            net(
              (i) => [i.subtotal],
              (n) => [n.subtotal],
            ),
          ).toBe(money(terms, expected.subtotal + expected.trueUp));
          expect(
            net(
              (i) => [i.tax?.total],
              (n) => [n.tax?.total],
            ),
          ).toBe(money(terms, expected.tax));
          expect(
            net(
              (i) => [i.total],
              (n) => [n.total],
            ),
          ).toBe(money(terms, expected.total));
        },
      ),
      { numRuns: fuzzRuns(30) },
    );
  });
});
