import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reconcile } from "../../src/compare/index.js";
import {
  correctLateUsage,
  type Invoice,
  issueCreditNote,
  rateClosingInvoice,
  rateInvoice,
  rateProgressiveInvoice,
} from "../../src/invoice/index.js";
import type { CreditNote } from "../../src/schema/index.js";
import { buildContract } from "../_support/contract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";
import {
  eventsOf,
  gbOf,
  minorUnitsOf,
  money,
  oracleContract,
  oracleInvoice,
  oracleTermsArb,
  plainTermsArb,
  sumOf,
  textOf,
  two,
  unitsOfText,
  usageArb,
} from "../_support/invoiceOracle.js";

// The documents a customer receives for one period, added up, against an invoice worked out on BigInt
// minor units apart from ratecard (test/_support/invoiceOracle.ts): progressive invoices and the close,
// an invoice and its late-usage correction, an invoice and the credit notes that undo it.
const OPTIONS = { creditsStartFull: true } as const;
describe("documents of a period add up to the oracle's invoice", () => {
  it("progressive invoices and the close: each line, the discounts, credits, tax and total", () => {
    const splitsArb = fc.uniqueArray(fc.integer({ min: 2, max: 31 }), { maxLength: 3 });
    fc.assert(
      fc.property(oracleTermsArb, usageArb, splitsArb, (terms, usage, days) => {
        const contract = buildContract(oracleContract(terms));
        const events = eventsOf(usage, "u");
        const earlier: Invoice[] = [];
        for (const day of [...days].sort((a, b) => a - b))
          earlier.push(
            rateProgressiveInvoice(contract, events, "2026-03", `2026-03-${two(day)}`, {
              ...OPTIONS,
              earlier,
            }),
          );
        const sequence = [
          ...earlier,
          rateClosingInvoice(contract, events, "2026-03", { ...OPTIONS, earlier }),
        ];
        const expected = oracleInvoice(terms, gbOf(usage));
        const sum = (figure: (invoice: Invoice) => ReadonlyArray<string | undefined>) =>
          sumOf(terms, sequence.flatMap(figure));
        const lineAmount = (id: string) =>
          sum((invoice) => invoice.lines.filter((l) => l.id === id).map((l) => l.amount));
        expect(lineAmount("bw")).toBe(money(terms, expected.usage));
        expect(lineAmount("commit")).toBe(money(terms, expected.trueUp));
        expect(sum((invoice) => [invoice.subtotal])).toBe(money(terms, expected.subtotal + expected.trueUp));
        expect(sum((invoice) => (invoice.discounts ?? []).map((d) => d.amount))).toBe(
          money(terms, -expected.discount),
        );
        expect(sum((invoice) => (invoice.credits ?? []).map((c) => c.applied))).toBe(
          money(terms, -expected.credit),
        );
        expect(sum((invoice) => [invoice.tax?.total])).toBe(money(terms, expected.tax));
        expect(sum((invoice) => [invoice.total])).toBe(money(terms, expected.total));
      }),
      { numRuns: fuzzRuns(60) },
    );
  });

  it("a quantity credit note of a progressive line credits the usage rated at the units it takes off the top", () => {
    fc.assert(
      fc.property(
        plainTermsArb,
        usageArb,
        fc.integer({ min: 2, max: 31 }),
        fc.nat(100),
        (terms, usage, day, share) => {
          const contract = buildContract(oracleContract(terms));
          const events = eventsOf(usage, "u");
          const first = rateProgressiveInvoice(contract, events, "2026-03", `2026-03-${two(day)}`, OPTIONS);
          const closing = rateClosingInvoice(contract, events, "2026-03", { ...OPTIONS, earlier: [first] });
          const soFar = gbOf(usage.filter((entry) => entry.day < day));
          for (const [invoice, cumulative] of [
            [first, soFar],
            [closing, gbOf(usage)],
          ] as const) {
            const line = invoice.lines.find((candidate) => candidate.id === "bw");
            const taken = Math.floor((Number(line?.quantity ?? 0) * share) / 100);
            const credit =
              oracleInvoice(terms, cumulative).usage - oracleInvoice(terms, cumulative - taken).usage;
            if (taken === 0 || credit <= 0n) continue;
            const units = [{ kind: "quantity", line: "bw", quantity: String(taken), reason: "off" }];
            // the close settled the minimum on the period's spend (usage + fee, both in its scope), of
            // which the earlier invoice holds a part: units that take it below the minimum are refused
            // (the true-up would stay as billed), with or without a true-up billed; an amount is credited
            const options = invoice === closing ? { earlier: [first] } : {};
            const spend = oracleInvoice(terms, cumulative).subtotal;
            if (
              invoice === closing &&
              terms.minimum !== undefined &&
              spend - credit < BigInt(terms.minimum)
            ) {
              expect(() => issueCreditNote(contract, invoice, units, options)).toThrow(/true-up/);
              continue;
            }
            const note = issueCreditNote(contract, invoice, units, options);
            expect(note.subtotal).toBe(money(terms, credit));
          }
        },
      ),
      { numRuns: fuzzRuns(60) },
    );
  });

  it("late usage: the issued invoice plus its correction is the period with every event; a resent event bills nothing", () => {
    fc.assert(
      fc.property(oracleTermsArb, usageArb, usageArb, fc.nat(8), (terms, usage, late, resent) => {
        const contract = buildContract(oracleContract(terms));
        const events = eventsOf(usage, "u");
        const issued = rateInvoice(contract, events, "2026-03", OPTIONS);
        expect(issued.total).toBe(money(terms, oracleInvoice(terms, gbOf(usage)).total));
        // the late events, and some of the billed ones sent again (same id, same payload)
        const lateEvents = [...eventsOf(late, "late"), ...events.slice(0, resent)];
        const correction = correctLateUsage(contract, issued, events, lateEvents, {
          ...OPTIONS,
          billOn: "2026-04",
        });
        if (correction.mode !== "next_invoice") throw new Error("expected next_invoice");
        const whole = oracleInvoice(terms, gbOf(usage) + gbOf(late));
        expect(sumOf(terms, [issued.total, correction.total])).toBe(money(terms, whole.total));
        // reversal and rebook of the usage line: what the issued line billed, then the period's
        expect(
          sumOf(
            terms,
            correction.lines.filter((line) => line.corrects === "bw").map((line) => line.amount),
          ),
        ).toBe(money(terms, whole.usage - oracleInvoice(terms, gbOf(usage)).usage));
      }),
      { numRuns: fuzzRuns(60) },
    );
  });

  it("reconcile of the issued invoice against the period re-rated with late events: exactly the lines that moved", () => {
    fc.assert(
      fc.property(oracleTermsArb, usageArb, usageArb, (terms, usage, late) => {
        const contract = buildContract(oracleContract(terms));
        const events = eventsOf(usage, "u");
        const issued = rateInvoice(contract, events, "2026-03", OPTIONS);
        const recomputed = rateInvoice(contract, [...events, ...eventsOf(late, "late")], "2026-03", OPTIONS);
        const result = reconcile(issued, recomputed);
        const [before, after] = [
          oracleInvoice(terms, gbOf(usage)),
          oracleInvoice(terms, gbOf(usage) + gbOf(late)),
        ];
        // the total moves by the oracle's difference, and the discrepancies add up to it
        expect(sumOf(terms, [recomputed.total, `-${issued.total}`])).toBe(
          money(terms, after.total - before.total),
        );
        expect(
          sumOf(
            terms,
            result.discrepancies.map((found) => found.amount),
          ),
        ).toBe(money(terms, after.total - before.total));
        // a line is reported when, and only when, its quantity or amount moved, by what it moved
        for (const line of recomputed.lines) {
          const was = issued.lines.find((candidate) => candidate.id === line.id);
          const found = result.discrepancies.filter((entry) => entry.line === line.id);
          const moved = was === undefined || was.amount !== line.amount || was.quantity !== line.quantity;
          expect(found.length > 0).toBe(moved);
          if (moved)
            expect(
              sumOf(
                terms,
                found.map((entry) => entry.amount),
              ),
            ).toBe(sumOf(terms, [line.amount, `-${was?.amount ?? "0"}`]));
        }
      }),
      { numRuns: fuzzRuns(60) },
    );
  });

  it("credit notes of parts, then of the rest: never more than billed, in all exactly the invoice and its tax", () => {
    const chunkArb = fc.array(
      fc.record({ line: fc.constantFrom("bw", "fee", "commit"), share: fc.integer({ min: 1, max: 99 }) }),
      {
        maxLength: 5,
      },
    );
    fc.assert(
      fc.property(oracleTermsArb, usageArb, chunkArb, (terms, usage, chunks) => {
        const contract = buildContract(oracleContract(terms));
        const invoice = rateInvoice(contract, eventsOf(usage, "u"), "2026-03", OPTIONS);
        const expected = oracleInvoice(terms, gbOf(usage));
        const scale = minorUnitsOf(terms);
        const notes: CreditNote[] = [];
        const credit = (corrections: unknown) =>
          notes.push(issueCreditNote(contract, invoice, corrections, { previous: notes }));
        for (const chunk of chunks) {
          const line = invoice.lines.find((candidate) => candidate.id === chunk.line);
          const credited = sumOf(
            terms,
            notes.flatMap((note) => note.lines.filter((l) => l.corrects === chunk.line).map((l) => l.amount)),
          );
          const left =
            line === undefined
              ? 0n
              : unitsOfText(line.net ?? line.amount, scale) - unitsOfText(credited, scale);
          const amount = (left * BigInt(chunk.share)) / 100n;
          if (amount > 0n)
            credit([{ kind: "amount", line: chunk.line, amount: textOf(amount, scale), reason: "part" }]);
          // never more than billed, tax included, at any point
          expect(
            unitsOfText(
              sumOf(
                terms,
                notes.map((note) => note.total),
              ),
              scale,
            ),
          ).toBeLessThanOrEqual(expected.total);
        }
        if (expected.total - expected.tax > 0n || expected.tax > 0n)
          credit([{ kind: "invoice", reason: "rest" }]);
        expect(
          sumOf(
            terms,
            notes.map((note) => note.total),
          ),
        ).toBe(money(terms, expected.total));
        expect(
          sumOf(
            terms,
            notes.map((note) => note.tax?.total),
          ),
        ).toBe(money(terms, expected.tax));
      }),
      { numRuns: fuzzRuns(60) },
    );
  });
});
