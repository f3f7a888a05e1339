import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diff } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { refundsSequenceArb } from "../_arbitraries/refundsSequence.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";

// diff of the period billed at once against its closing invoice, over periods whose totals go below zero
// and back (docs/diff-and-reconcile.md, "An earlier invoice below zero"): the causes add up to the change,
// and the rounding causes stay roundings: each invoice's own rounding is the period's so far less the
// earlier invoices' (half a cent each), never a total below zero.
describe("diff of a progressive period going below zero (fuzzing)", () => {
  it("adds up, and leaves totals below zero out of the roundings", { timeout: fuzzTimeout() }, () => {
    fc.assert(
      fc.property(refundsSequenceArb(), ({ sequence, whole }) => {
        const closing = sequence.at(-1)!;
        const result = diff(whole, closing);
        const sum = result.attributions.reduce((all, a) => all.plus(a.amount), new Decimal(0));
        expect(sum.equals(result.change)).toBe(true);
        // Both invoices' roundings: the whole's half a cent (twice: total and amount due), the close's
        // the period's less each earlier invoice's.
        const most = new Decimal("0.01").times(sequence.length + 1);
        for (const a of result.attributions)
          if (a.cause === "total_rounding" || a.cause === "rounding")
            expect(new Decimal(a.amount).abs().lte(most), a.sentence).toBe(true);
      }),
      fuzzParameters(60),
    );
  });
});
