import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reconcile } from "../../src/compare/index.js";
import { issueCreditNote, rateInvoice } from "../../src/index.js";
import { addExactly, Decimal, ZERO } from "../../src/money/index.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { deepFreeze } from "../_arbitraries/prices.js";
import { contractScenarioArb, materialize } from "../_arbitraries/wholeContracts.js";
import { attempt } from "../_laws/typedRefusal.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";

const checked = { runs: 0 };

describe("reconcile with credit notes (fuzzing)", () => {
  it("reconciles an invoice against itself net of a note: the discrepancies add up to what the note credited", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(contractScenarioArb(), streamArb(), fc.nat(), (scenario, stream, at) => {
        const { contract, period } = materialize(deepFreeze(scenario));
        const invoice = attempt(() =>
          rateInvoice(contract, eventsIn(stream, period), period, { creditsStartFull: true }),
        );
        if (invoice === undefined || invoice.lines.length === 0) return;
        const line = invoice.lines[at % invoice.lines.length]!;
        // Lines that share an id are credited by id, which cannot say which of them: left out.
        if (invoice.lines.filter((other) => other.id === line.id).length > 1) return;
        const note = attempt(() =>
          issueCreditNote(contract, invoice, [{ kind: "line", line: line.id, reason: "fuzz" }]),
        );
        if (note === undefined || new Decimal(note.total).isZero()) return;
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
        checked.runs += 1;
      }),
      fuzzParameters(60),
    );
    expect(checked.runs).toBeGreaterThan(10);
  });
});
