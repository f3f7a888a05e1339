import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explainText } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { refundsSequenceArb } from "../_arbitraries/refundsSequence.js";
import { falseBelowZeroSums } from "../_laws/belowZeroArithmetic.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";

// Whatever a period of usage and refunds does below zero and back, each invoice whose amount due is not
// its total less its credits after tax (and its rounding) says why in words, and the walk from the total
// to the amount due, and what is owed to the customer, add up as written (docs/explain.md, "A total below
// zero in a progressive period").
describe("the words of a progressive period going below zero (fuzzing)", () => {
  it("explain every amount due a total below zero sets apart, with sums that can be redone", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(refundsSequenceArb(), ({ sequence }) => {
        for (const invoice of sequence) {
          const text = explainText(invoice);
          expect(falseBelowZeroSums(text), invoice.id).toEqual([]);
          // The amount due less the total and the credits after tax, beyond a rounding (half a cent for
          // each invoice of the period): a total below zero set it apart, and the words say it.
          const credits = (invoice.credits ?? []).reduce(
            (sum, credit) => sum.plus(credit.applied),
            new Decimal(0),
          );
          const apart = new Decimal(invoice.amountDue!).minus(invoice.total).minus(credits);
          if (apart.abs().greaterThan(new Decimal("0.005").times(sequence.length)))
            expect(text, invoice.id).toContain("From the total");
        }
      }),
      fuzzParameters(60),
    );
  });
});
