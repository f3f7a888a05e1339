import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromRatecardInvoice, reconcile } from "../../src/compare/index.js";
import { rateInvoice } from "../../src/index.js";
import { addExactly, Decimal, ZERO } from "../../src/money/index.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { deepFreeze } from "../_arbitraries/prices.js";
import { contractScenarioArb, materialize } from "../_arbitraries/wholeContracts.js";
import { attempt } from "../_laws/typedRefusal.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";

const checked = { runs: 0 };

describe("an issued total without its tax (fuzzing)", () => {
  it("agrees when the total holds the tax unstated, and finds the tax when the total left it out", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(contractScenarioArb({ taxed: true }), streamArb(), (scenario, stream) => {
        const { contract, period } = materialize(deepFreeze(scenario));
        const invoice = attempt(() =>
          rateInvoice(contract, eventsIn(stream, period), period, { creditsStartFull: true }),
        );
        if (invoice === undefined || invoice.lines.length === 0) return;
        const { tax, ...unstated } = fromRatecardInvoice(invoice);
        expect(reconcile(unstated, invoice).discrepancies).toEqual([]);
        if (tax === undefined || new Decimal(tax).isZero()) return;
        // The same invoice issued without its tax: the total less it. The discrepancies add up to the tax.
        const minor = invoice.currency.minorUnits;
        const forgot = { ...unstated, total: new Decimal(invoice.total).minus(tax).toFixed(minor) };
        const found = reconcile(forgot, invoice).discrepancies;
        const sum = found.reduce((total, d) => addExactly(total, d.amount), ZERO);
        expect(sum.toFixed(minor)).toBe(new Decimal(tax).toFixed(minor));
        checked.runs += 1;
      }),
      fuzzParameters(150),
    );
    expect(checked.runs).toBeGreaterThan(3);
  });
});
