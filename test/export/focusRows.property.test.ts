import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FocusRow, focusCsv, focusRows, issueCreditNote, rateInvoice } from "../../src/index.js";
import { Decimal, isIsoCurrency } from "../../src/money/index.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { deepFreeze } from "../_arbitraries/prices.js";
import { contractScenarioArb, materialize } from "../_arbitraries/wholeContracts.js";
import { attempt } from "../_laws/typedRefusal.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";
import { thrown } from "../_support/thrown.js";
import { violations } from "./focusSpec.js";

const OPTIONS = { provider: "Acme Cloud" };
const FAR_LATER = { start: "2100-01-01T00:00:00Z", end: "2100-02-01T00:00:00Z" };

const billed = (rows: ReadonlyArray<FocusRow>) =>
  rows.reduce((sum, row) => sum.plus(row.BilledCost ?? "NaN"), new Decimal(0));

describe("focusRows (fuzzing): any invoice ratecard rates", () => {
  const checked = { invoices: 0, notes: 0 };
  const parameters = fuzzParameters(30);
  // Mostly ISO currencies, a custom unit now and then (its refusal is checked too): drawn as often as
  // the other currencies (half the contracts), the custom unit left as few as 9 invoices of 30 to check.
  const scenarioArb = fc.oneof(
    { arbitrary: contractScenarioArb({ isoCurrency: true }), weight: 4 },
    { arbitrary: contractScenarioArb(), weight: 1 },
  );
  it("gives rows that meet FOCUS's requirements and add up to what the invoice and its credit note bill", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(scenarioArb, streamArb(), (scenario, stream) => {
        const { contract, period } = materialize(deepFreeze(scenario));
        const invoice = attempt(() =>
          rateInvoice(contract, eventsIn(stream, period), period, { creditsStartFull: true }),
        );
        if (invoice === undefined) return;
        // A custom unit (points) has no ISO 4217 code for BillingCurrency: refused, typed.
        if (!isIsoCurrency(invoice.currency.code)) {
          expect(thrown(() => focusRows(invoice, OPTIONS))).toMatchObject({ code: "unknown_currency" });
          return;
        }
        checked.invoices += 1;
        const rows = focusRows(invoice, OPTIONS);
        expect(rows.flatMap(violations)).toEqual([]);
        // billedcost.md: the aggregated BilledCost matches what the invoice charges, exactly.
        expect(billed(rows).equals(invoice.amountDue ?? invoice.total)).toBe(true);
        // No prepaid purchase is amortized: every row's EffectiveCost is its BilledCost.
        for (const row of rows) expect(row.EffectiveCost).toBe(row.BilledCost);
        // One row per line, then the credits and tax rates; none of them a correction.
        expect(rows.slice(0, invoice.lines.length).map((row) => row.x_LineId)).toEqual(
          invoice.lines.map((line) => line.id),
        );
        expect(rows.every((row) => row.ChargeClass === null)).toBe(true);
        // Same invoice, same bytes.
        expect(focusCsv(focusRows(structuredClone(invoice), OPTIONS))).toBe(focusCsv(rows));

        const note = attempt(() =>
          issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "Cancelled" }]),
        );
        if (note === undefined) return;
        checked.notes += 1;
        const corrections = focusRows(note, { ...OPTIONS, invoice, correctionPeriod: FAR_LATER });
        expect(corrections.flatMap(violations)).toEqual([]);
        expect(corrections.every((row) => row.ChargeClass === "Correction")).toBe(true);
        // focusCsv takes a credit note's rows as it takes an invoice's (it refuses a row that is not a
        // FOCUS row, src/export/readFocusRows.ts): every column, as text or null, and no other.
        expect(focusCsv(corrections).startsWith(focusCsv([]))).toBe(true);
        // The note's rows give back its money; what it gives back to prepaid credits puts their Credit
        // rows back, so an invoice and the note crediting all of it add up to nothing.
        const money = note.settlement?.money ?? note.total;
        expect(billed(corrections).equals(new Decimal(money).negated())).toBe(true);
        expect(billed(rows).plus(billed(corrections)).toFixed()).toBe("0");
        // ... and so in every category: a credit before tax given back reverses its Credit row, and the
        // lines it paid part of are reversed gross, as the invoice billed them. A note of the whole
        // invoice gives every credit before tax back, even when the credits paid every line (total 0).
        const drawnBefore = (invoice.credits ?? []).filter((credit) => credit.stage === "before_tax");
        const givenBack = (note.settlement?.credits ?? []).filter((credit) => credit.stage === "before_tax");
        const allBack = billed(drawnBefore.map((credit) => ({ BilledCost: credit.applied }) as FocusRow))
          .plus(billed(givenBack.map((credit) => ({ BilledCost: credit.restored }) as FocusRow)))
          .isZero();
        expect(allBack).toBe(true);
        for (const category of new Set(rows.map((row) => row.ChargeCategory)))
          expect(
            billed([...rows, ...corrections].filter((row) => row.ChargeCategory === category)).toFixed(),
            `${category}`,
          ).toBe("0");
      }),
      parameters,
    );
    // Most generated contracts rate; a run that rated too few would prove little. Scaled with the runs
    // (5 and 3 of the 30 in `npm test`), so that FC_NUM_RUNS=20 (Stryker: 3 runs) does not fail a
    // property that held on every run it made.
    expect(checked.invoices).toBeGreaterThanOrEqual(parameters.numRuns / 6);
    expect(checked.notes).toBeGreaterThanOrEqual(parameters.numRuns / 10);
  });
});
