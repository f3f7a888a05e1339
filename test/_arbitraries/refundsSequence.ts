import fc from "fast-check";
import { type Invoice, rateClosingInvoice, rateInvoice, rateProgressiveInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { refundsContract, refundsEvent } from "../_support/refundsContract.js";

/** A progressive period of usage and refunds (test/_support/refundsContract.ts) and its one invoice. */
export interface RefundsSequence {
  /** The progressive invoices, then the closing one. */
  readonly sequence: ReadonlyArray<Invoice>;
  /** The period billed at once. */
  readonly whole: Invoice;
  /** The contract's lineDecimals: 3, or none (lines in cents). */
  readonly lineDecimals: number | undefined;
}

/**
 * March billed progressively at one to three days, over up to eight events of usage (at 1.00) and
 * refunds (at −1.00), each up to 40.000 units, with or without lines to 3 decimals, the wallet carried
 * in at 0.00 to 5.00: the period's totals go below zero and come back.
 */
export function refundsSequenceArb(): fc.Arbitrary<RefundsSequence> {
  const eventArb = fc.record({
    type: fc.constantFrom("use", "refund"),
    day: fc.integer({ min: 1, max: 28 }),
    thousandths: fc.integer({ min: 1, max: 40_000 }),
  });
  return fc
    .tuple(
      fc.array(eventArb, { minLength: 1, maxLength: 8 }),
      fc.uniqueArray(fc.integer({ min: 2, max: 28 }), { minLength: 1, maxLength: 3 }),
      fc.constantFrom(undefined, 3),
      fc.integer({ min: 0, max: 500 }),
    )
    .map(([drawn, days, lineDecimals, cents]) => {
      const contract = refundsContract(lineDecimals ? { lineDecimals } : undefined);
      const events = drawn.map((e, index) => refundsEvent(`e${index}`, e.type, e.day, e.thousandths / 1000));
      const options = { creditBalances: { wallet: new Decimal(cents).div(100).toFixed(2) } };
      const earlier: Invoice[] = [];
      for (const day of [...days].sort((a, b) => a - b)) {
        const asOf = `2026-03-${String(day).padStart(2, "0")}T00:00:00Z`;
        earlier.push(rateProgressiveInvoice(contract, events, "2026-03", asOf, { ...options, earlier }));
      }
      const closing = rateClosingInvoice(contract, events, "2026-03", { ...options, earlier });
      const whole = rateInvoice(contract, events, "2026-03", options);
      return { sequence: [...earlier, closing], whole, lineDecimals };
    });
}
