import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/index.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { withLineDecimals } from "../_arbitraries/lineDecimals.js";
import { deepFreeze } from "../_arbitraries/prices.js";
import { contractScenarioArb, materialize } from "../_arbitraries/wholeContracts.js";
import { falseMarkdownSentences, falseSentences } from "../_laws/explainedInvoice.js";
import { attempt } from "../_laws/typedRefusal.js";
import { fuzzParameters, fuzzRuns, fuzzTimeout } from "../_support/fuzzRuns.js";

describe("explain text: every stated sum is true (fuzzing)", () => {
  it("each a × b = c, x% of a = b, a + b = c, rounding, balance and figure it states is exact", {
    timeout: fuzzTimeout(),
  }, () => {
    const checked = { invoices: 0 };
    fc.assert(
      fc.property(
        contractScenarioArb({ windowPricing: true }),
        streamArb(),
        fc.constantFrom(undefined, undefined, 1, 2, 4),
        (scenario, stream, lineDecimals) => {
          const { contract, period } = materialize(deepFreeze(withLineDecimals(scenario, lineDecimals)));
          const invoice = attempt(() =>
            rateInvoice(contract, eventsIn(stream, period), period, { creditsStartFull: true }),
          );
          if (invoice === undefined) return;
          checked.invoices += 1;
          expect(falseSentences(invoice)).toEqual([]);
          expect(falseMarkdownSentences(invoice)).toEqual([]);
        },
      ),
      fuzzParameters(30),
    );
    expect(checked.invoices).toBeGreaterThan(fuzzRuns(30) / 3);
  });
});
