import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type FocusRow,
  focusRows,
  type Invoice,
  rateClosingInvoice,
  rateInvoice,
  rateProgressiveInvoice,
} from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { withLineDecimals } from "../_arbitraries/lineDecimals.js";
import { deepFreeze } from "../_arbitraries/prices.js";
import { refundsSequenceArb } from "../_arbitraries/refundsSequence.js";
import { contractScenarioArb, materialize } from "../_arbitraries/wholeContracts.js";
import { attempt } from "../_laws/typedRefusal.js";
import { fuzzParameters, fuzzRuns, fuzzTimeout } from "../_support/fuzzRuns.js";

const OPTIONS = { creditsStartFull: true } as const;
const PROVIDER = { provider: "Acme Cloud" };
const billed = (rows: ReadonlyArray<FocusRow>) =>
  rows.reduce((sum, row) => sum.plus(row.BilledCost ?? "NaN"), new Decimal(0));
const due = (invoice: Invoice) => invoice.amountDue ?? invoice.total;

// billedcost.md: the aggregated BilledCost matches what each invoice charges, exactly, and the
// sequence's what the period's one invoice would.
function expectRowsAddUp(sequence: ReadonlyArray<Invoice>, whole: Invoice) {
  let all = new Decimal(0);
  for (const invoice of sequence) {
    const rows = focusRows(invoice, PROVIDER);
    expect(billed(rows).equals(due(invoice)), invoice.id).toBe(true);
    all = all.plus(billed(rows));
  }
  expect(all.equals(due(whole))).toBe(true);
}

describe("focusRows of a progressive sequence with lines finer than the currency (fuzzing)", () => {
  it("each invoice's rows add up to what it bills, and the sequence's to the period's invoice", {
    timeout: fuzzTimeout(),
  }, () => {
    let checked = 0;
    fc.assert(
      fc.property(
        // A custom unit has no ISO 4217 code for BillingCurrency: focusRows refuses it (focusRows.property).
        // Drawn in ISO currencies only: skipping the custom unit (half the contracts) left as few as 8
        // sequences of 40 (FC_SEED=18), and the bar below is more than 8.
        contractScenarioArb({ isoCurrency: true }),
        streamArb(),
        fc.constantFrom(1, 2, 4),
        fc.uniqueArray(fc.integer({ min: 5, max: 95 }), { minLength: 1, maxLength: 3 }),
        (scenario, stream, lineDecimals, percents) => {
          const { contract, period } = materialize(deepFreeze(withLineDecimals(scenario, lineDecimals)));
          const events = eventsIn(stream, period);
          const earlier: Invoice[] = [];
          for (const percent of [...percents].sort((a, b) => a - b)) {
            const asOf = new Date(
              period.start + Math.floor((percent * (period.end - period.start)) / 100),
            ).toISOString();
            const invoice = attempt(() =>
              rateProgressiveInvoice(contract, events, period, asOf, { ...OPTIONS, earlier }),
            );
            if (invoice === undefined) return;
            earlier.push(invoice);
          }
          const closing = attempt(() =>
            rateClosingInvoice(contract, events, period, { ...OPTIONS, earlier }),
          );
          if (closing === undefined) return;
          const whole = rateInvoice(contract, events, period, OPTIONS);
          expectRowsAddUp([...earlier, closing], whole);
          checked += 1;
        },
      ),
      fuzzParameters(40),
    );
    expect(checked).toBeGreaterThan(fuzzRuns(40) / 5);
  });

  // Usage and refunds (a credit charge) with a wallet paying after tax: the period's totals go below zero
  // and come back, so an invoice's amount due is not its total less its credits (docs/focus-export.md,
  // "A total below zero in a progressive period"). Until 7 December 2026 a close after an invoice below
  // zero had rows of 45.00 for 25.00 due (focusBelowZero.test.ts).
  it("each invoice's rows add up to its amount due when the period's totals go below zero", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(refundsSequenceArb(), ({ sequence, whole }) => expectRowsAddUp(sequence, whole)),
      fuzzParameters(60),
    );
  });
});
