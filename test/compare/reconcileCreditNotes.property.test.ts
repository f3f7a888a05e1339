import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reconcile } from "../../src/compare/index.js";
import { addExactly, Decimal, ZERO } from "../../src/money/index.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";
import { creditedLineArbs, creditedLineCase } from "./creditedLineCase.js";

const checked = { runs: 0, taxed: 0 };

describe("reconcile with credit notes (fuzzing)", () => {
  it("reconciles an invoice against itself net of a note: the discrepancies add up to what the note credited", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(...creditedLineArbs(), (scenario, stream, at) => {
        const found = creditedLineCase(scenario, stream, at);
        if (found === undefined) return;
        const { invoice, line, note } = found;
        const result = reconcile(invoice, invoice, { creditNotes: [note] });
        // The recomputation is the invoice before the note: recomputed − (issued − note) = the note's
        // total, exactly, whatever causes it is split into (line, tax, adjustments).
        const sum = result.discrepancies.reduce((total, d) => addExactly(total, d.amount), ZERO);
        expect(sum.toFixed()).toBe(new Decimal(note.total).toFixed());
        expect(result.issuedTotal).toBe(
          new Decimal(invoice.total).minus(note.total).toFixed(invoice.currency.minorUnits),
        );
        // The credited line agrees as issued: what the note took off is named a credit note, never a price.
        const credited = result.discrepancies.filter((d) => d.line === line.id);
        expect(credited.map((d) => [d.cause, d.amount])).toEqual([["credit_note", note.lines[0]!.amount]]);
        // The note's sentence adds up: its lines, plus its tax where the tax was added to them (exclusive),
        // are what it credited; tax included in the lines is part of their amounts. A note of untaxed
        // lines names no tax. (renderReconcile writes these figures: "60.00 USD credited, 10.00 of it tax
        // added to the lines; lines Egress (egress) 50.00.")
        for (const reported of result.creditNotes?.notes ?? []) {
          const lines = reported.lines.reduce((total, l) => addExactly(total, l.amount), ZERO);
          const added = reported.tax?.mode === "exclusive" ? new Decimal(reported.tax.total) : ZERO;
          expect(addExactly(lines, added).toFixed(), `note ${reported.id}`).toBe(
            new Decimal(reported.total).toFixed(),
          );
          if (reported.tax !== undefined) {
            expect(new Decimal(reported.tax.total).isZero()).toBe(false);
            checked.taxed += 1;
          }
        }
        checked.runs += 1;
      }),
      fuzzParameters(60),
    );
    expect(checked.runs).toBeGreaterThan(10);
    // Notes with tax, exclusive or inclusive, were drawn too (the sentence's other two forms).
    expect(checked.taxed).toBeGreaterThan(0);
  });
});
