import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { waterfallOf, waterfallTies } from "../../src/explain/waterfall.js";
import { Decimal } from "../../src/money/index.js";
import { refundsSequenceArb } from "../_arbitraries/refundsSequence.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";

// The waterfall of progressive invoices whose period goes below zero and back (docs/explain.md, "The
// waterfall", steps 5 and 7): it ties, each bar below zero is named by what the period did, and the
// rounding of the amount due is rounding, never an earlier total below zero in disguise.
describe("the waterfall of a progressive period going below zero (fuzzing)", () => {
  it("ties, names its bars below zero by the period so far, and rounds by cents, not totals", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(refundsSequenceArb(), ({ sequence }) => {
        for (const invoice of sequence) {
          const steps = waterfallOf(invoice, { prefix: "$", minorUnits: 3 });
          expect(waterfallTies(steps), invoice.id).toBe(true);
          const soFar = new Decimal(invoice.progressive!.cumulative.total);
          const before = soFar.minus(invoice.total);
          for (const step of steps) {
            // Lifting a total below zero only when the period so far is below zero; an earlier total
            // below zero set apart only when the period before this invoice was.
            if (step.kind === "below_zero_not_due") expect(soFar.isNegative(), invoice.id).toBe(true);
            if (step.kind === "earlier_below_zero") expect(before.isNegative(), invoice.id).toBe(true);
            // An invoice's own rounding is the period's so far less the earlier invoices' (half a cent
            // each, half-even: a close of 20.97 on 20.964 is +0.004 - (-0.002) = +0.006), never a total below zero.
            const most = new Decimal("0.005").times(sequence.length);
            if (step.kind === "amount_due_rounding" || step.kind === "total_rounding")
              expect(new Decimal(step.amount.exact).abs().lte(most), invoice.id).toBe(true);
          }
        }
      }),
      fuzzParameters(60),
    );
  });
});
