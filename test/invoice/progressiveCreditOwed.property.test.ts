import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import { refundsSequenceArb } from "../_arbitraries/refundsSequence.js";
import { fuzzTimeout } from "../_support/fuzzRuns.js";

// Whatever the period does below zero and back, what the documents ask and owe adds up to the period
// billed at once: the customer pays the sum of the amounts due, and is owed, beyond the amounts due below
// zero, only the period's total below zero, once, on the close (docs/progressive-billing.md, "A total
// below zero"). A progressive invoice before the close owes no more than its amount due gives back.
const owedBy = (figure: string | undefined) => Decimal.max(0, new Decimal(figure ?? 0).negated());

describe("progressive.credit over a period of usage and refunds", () => {
  it("owes the period's total below zero once, on the close, beyond the amounts due given back", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(refundsSequenceArb(), ({ sequence, whole }) => {
        const closing = sequence.at(-1)!;
        for (const invoice of sequence.slice(0, -1))
          expect(owedBy(invoice.amountDue).equals(invoice.progressive?.credit ?? 0)).toBe(true);
        const beyond = new Decimal(closing.progressive?.credit ?? 0).minus(owedBy(closing.amountDue));
        // The period as one invoice: nothing due below zero, its total below zero owed to the customer.
        expect(beyond.equals(owedBy(whole.total))).toBe(true);
        const paid = sequence.reduce((sum, invoice) => sum.plus(invoice.amountDue ?? 0), new Decimal(0));
        expect(paid.equals(whole.amountDue ?? 0)).toBe(true);
      }),
    );
  });
});
