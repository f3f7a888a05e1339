import { describe, expect, it } from "vitest";
import { waterfallOf, waterfallTies } from "../../src/explain/waterfall.js";
import { rateClosingInvoice, rateProgressiveInvoice } from "../../src/index.js";
import {
  lineDecimalsContract as contract,
  PREPAID_033,
  LINE_DECIMALS_USAGE as USAGE,
} from "../_support/progressiveLineDecimals.js";
import { REFUND_USAGE, refundsContract } from "../_support/refundsContract.js";

// A period billed progressively under lines finer than the currency (rounding.lineDecimals): the invoice
// keeps the period's rounding so far, but its waterfall runs from its own subtotal to its own total, so
// its rounding bar is its own part (docs/explain.md, "The waterfall").
const STYLE = { prefix: "$", minorUnits: 4 };
const bars = (steps: ReturnType<typeof waterfallOf>) =>
  steps.map((step) => [step.kind, step.amount.exact, step.running.exact]);

const refunds = refundsContract;

describe("the waterfall of a progressive sequence with lines finer than the currency", () => {
  it("rounds the close's own part: 0.8904 − 0.0004 = 0.89", () => {
    // Invoice 1 (as of 10 March): 0.1234 + VAT 0.0247 = 0.1481 → 0.15 (+0.0019). The month: 0.7404 +
    // 0.1250 + VAT 0.1731 = 1.0385 → 1.04 (+0.0015). The close: subtotal 0.8654 − 0.1234 = 0.7420, VAT
    // 0.1731 − 0.0247 = 0.1484, 0.8904 before rounding; it bills 1.04 − 0.15 = 0.89, so its bar is
    // −0.0004. With the period's +0.0015 the bars ran to 0.8919 above a total of 0.89.
    const first = rateProgressiveInvoice(contract(), USAGE, "2026-03", "2026-03-10T00:00:00Z");
    const closing = rateClosingInvoice(contract(), USAGE, "2026-03", { earlier: [first] });
    const steps = waterfallOf(closing, STYLE);
    expect(bars(steps)).toEqual([
      ["subtotal", "0.7420", "0.7420"],
      ["tax", "0.1484", "0.8904"],
      ["total_rounding", "-0.0004", "0.89"],
      ["total", "0.89", "0.89"],
    ]);
    expect(waterfallTies(steps)).toBe(true);
    // The first invoice has no earlier one: its rounding is its own, +0.0019.
    expect(bars(waterfallOf(first, STYLE))).toContainEqual(["total_rounding", "0.0019", "0.15"]);
  });

  it("ties down to the amount due a prepaid grant left", () => {
    // A 0.33 grant taxed at use pays after tax: 0.15 on invoice 1, the 0.18 left on the close: 0.71 due.
    const grant = PREPAID_033;
    const options = { creditsStartFull: true } as const;
    const first = rateProgressiveInvoice(contract(grant), USAGE, "2026-03", "2026-03-10T00:00:00Z", options);
    const closing = rateClosingInvoice(contract(grant), USAGE, "2026-03", { ...options, earlier: [first] });
    const steps = waterfallOf(closing, STYLE);
    expect(waterfallTies(steps)).toBe(true);
    expect(steps.at(-1)).toMatchObject({ kind: "amount_due", running: { exact: "0.71" } });
  });

  it("shows an earlier invoice's total below zero, not due then, as not given back on the close", () => {
    // Usage at 1.00 and refunds at -1.00 (a credit charge), a prepaid grant of 5.00 taxed at use (paid
    // after tax). Invoice 1 (as of 10 March): 10 used, 30 refunded: 10.00 - 30.00 = -20.00, nothing due.
    // The month: 60 used, 30 refunded: 30.00, the grant pays 5.00, 25.00 due. The close bills 30.00 -
    // (-20.00) = 50.00 and 25.00 - 0.00 = 25.00 due: from its total, less the grant's 5.00, 45.00; the
    // other -20.00 is invoice 1's total below zero, which was never due and is not paid back now.
    const options = { creditsStartFull: true } as const;
    const first = rateProgressiveInvoice(refunds(), REFUND_USAGE, "2026-03", "2026-03-10T00:00:00Z", options);
    expect([first.total, first.amountDue]).toEqual(["-20.00", "0.00"]);
    const closing = rateClosingInvoice(refunds(), REFUND_USAGE, "2026-03", {
      ...options,
      earlier: [first],
    });
    expect([closing.total, closing.amountDue]).toEqual(["50.00", "25.00"]);
    const steps = waterfallOf(closing, { prefix: "$", minorUnits: 2 });
    expect(bars(steps).slice(-3)).toEqual([
      ["credit_after_tax", "-5.00", "45"],
      ["earlier_below_zero", "-20", "25"],
      ["amount_due", "25.00", "25.00"],
    ]);
    expect(waterfallTies(steps)).toBe(true);
  });

  it("shows it under lines finer than the currency too, apart from the rounding of the amount due", () => {
    // The same period with lines to 3 decimals: invoice 1 is 10.000 - 30.000 = -20.000 → -20.00, nothing
    // due; the month 60.000 - 30.000 = 30.000 → 30.00, the wallet pays 5.000, 25.00 due; the close bills
    // 50.00, less the wallet's 5.000 = 45.000, and 25.00 due: -20.00 is invoice 1's total below zero and
    // nothing was rounded. Until 7 December 2026 the -20.00 read as "Rounding of the amount due".
    const options = { creditsStartFull: true } as const;
    const contract = refunds({ lineDecimals: 3 });
    const first = rateProgressiveInvoice(contract, REFUND_USAGE, "2026-03", "2026-03-10T00:00:00Z", options);
    expect([first.total, first.amountDue]).toEqual(["-20.00", "0.00"]);
    const closing = rateClosingInvoice(contract, REFUND_USAGE, "2026-03", { ...options, earlier: [first] });
    expect([closing.total, closing.amountDue]).toEqual(["50.00", "25.00"]);
    const steps = waterfallOf(closing, { prefix: "$", minorUnits: 3 });
    expect(bars(steps).slice(-3)).toEqual([
      ["credit_after_tax", "-5.000", "45"],
      ["earlier_below_zero", "-20", "25"],
      ["amount_due", "25.00", "25.00"],
    ]);
    expect(waterfallTies(steps)).toBe(true);
  });

  it("keeps the close's own rounding of the amount due apart from the earlier total below zero", () => {
    // The wallet carried in with 4.995 (a balance in line decimals): invoice 1 is -20.00 and pays
    // nothing; the month's 30.00 less 4.995 is 25.005 → 25.00 half-even (-0.005); the close: 50.00 less
    // 4.995 = 45.005, its rounding -0.005 = 45.00 (nothing of invoice 1 was rounded), and invoice 1's
    // -20.00 = 25.00 due. Until 7 December 2026 one bar of -20.005 read "Rounding of the amount due".
    const options = { creditBalances: { wallet: "4.995" } } as const;
    const contract = refunds({ lineDecimals: 3 });
    const first = rateProgressiveInvoice(contract, REFUND_USAGE, "2026-03", "2026-03-10T00:00:00Z", options);
    const closing = rateClosingInvoice(contract, REFUND_USAGE, "2026-03", { ...options, earlier: [first] });
    expect([closing.total, closing.amountDue]).toEqual(["50.00", "25.00"]);
    const steps = waterfallOf(closing, { prefix: "$", minorUnits: 3 });
    expect(bars(steps).slice(-4)).toEqual([
      ["credit_after_tax", "-4.995", "45.005"],
      ["amount_due_rounding", "-0.005", "45"],
      ["earlier_below_zero", "-20", "25"],
      ["amount_due", "25.00", "25.00"],
    ]);
    expect(waterfallTies(steps)).toBe(true);
  });
});
