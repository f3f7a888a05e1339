import { describe, expect, it } from "vitest";
import { waterfallOf, waterfallTies } from "../../src/explain/waterfall.js";
import { rateClosingInvoice, rateProgressiveInvoice } from "../../src/index.js";
import {
  lineDecimalsContract as contract,
  PREPAID_033,
  LINE_DECIMALS_USAGE as USAGE,
} from "../_support/progressiveLineDecimals.js";
import { closeAfterUse, REFUND_USAGE, refundsContract, refundsEvent } from "../_support/refundsContract.js";

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

// Whether a progressive invoice's total below zero is due depends on the period so far, not on the
// invoice's own total: its amount due is the period's amount due so far less what the earlier invoices
// made due (docs/explain.md, "The waterfall", step 5).
describe("the waterfall of a progressive invoice when the period goes below zero", () => {
  const dollars = { prefix: "$", minorUnits: 2 };
  const labelled = (steps: ReturnType<typeof waterfallOf>) =>
    steps.map((step) => [step.kind, step.label, step.amount.exact, step.running.exact]);
  const wallet = { creditBalances: { wallet: "5" } } as const;
  const march = (day: number) => `2026-03-${String(day).padStart(2, "0")}T00:00:00Z`;

  it("lifts the period's total below zero, not its own, when earlier invoices made something due", () => {
    // Invoice 1 (20 used by 10 March): 20.00, the wallet pays 5.00, 15.00 due. The month: 20 - 30 =
    // -10.00, nothing due. The close totals -10.00 - 20.00 = -30.00 and bills 0 - 15.00 = -15.00: only
    // the period's -10.00 is not due (+10.00), so -20.00 gives invoice 1's 20.00 back, 5.00 of it to the
    // wallet (+5.00): -30.00 + 10.00 + 5.00 = -15.00. Before: "A total below zero: nothing is due" +30.00
    // and "Earlier invoices of the period below zero: not due then, not given back now" -20.00, though
    // invoice 1 was 20.00 above zero.
    const { first, closing } = closeAfterUse();
    expect([first.amountDue, closing.total, closing.amountDue]).toEqual(["15.00", "-30.00", "-15.00"]);
    const steps = waterfallOf(closing, dollars);
    expect(labelled(steps).slice(1)).toEqual([
      ["total", "Total", "-30.00", "-30.00"],
      [
        "below_zero_not_due",
        "The period so far is below zero (-$10.00): not due; the $20.00 billed earlier is given back",
        "10",
        "-20",
      ],
      ["credit_after_tax", "Wallet (after tax)", "5.00", "-15"],
      ["amount_due", "Amount due", "-15.00", "-15.00"],
    ]);
    expect(waterfallTies(steps)).toBe(true);
  });

  it("gives back what a second invoice made due after a first one below zero", () => {
    // Invoice 1 (10 used, 30 refunded by 10 March): -20.00, nothing due. Invoice 2 (50 more used by the
    // 15th): the period 30.00, 25.00 due after the wallet; 50.00 of its own, 25.00 - 0 due. The close
    // (40 more refunded): the period -10.00, nothing due; -40.00 of its own, 0 - 25.00 = -25.00 due:
    // -40.00 + 10.00 (the period's -10.00, not due) + 5.00 (the wallet given back) = -25.00. Invoice 1's
    // -20.00 plays no part: the period was 30.00 before the close. Before: +40.00 "nothing is due" and
    // -30.00 "Earlier invoices of the period below zero".
    const usage = [
      ...REFUND_USAGE.slice(0, 2),
      refundsEvent("u2", "use", 12, 50),
      refundsEvent("r2", "refund", 20, 40),
    ];
    const contract = refunds();
    const first = rateProgressiveInvoice(contract, usage, "2026-03", march(10), wallet);
    const second = rateProgressiveInvoice(contract, usage, "2026-03", march(15), {
      ...wallet,
      earlier: [first],
    });
    const closing = rateClosingInvoice(contract, usage, "2026-03", { ...wallet, earlier: [first, second] });
    expect([first.total, second.amountDue, closing.total, closing.amountDue]).toEqual([
      "-20.00",
      "25.00",
      "-40.00",
      "-25.00",
    ]);
    const steps = waterfallOf(closing, dollars);
    expect(labelled(steps).slice(2)).toEqual([
      [
        "below_zero_not_due",
        "The period so far is below zero (-$10.00): not due; the $30.00 billed earlier is given back",
        "10",
        "-30",
      ],
      ["credit_after_tax", "Wallet (after tax)", "5.00", "-25"],
      ["amount_due", "Amount due", "-25.00", "-25.00"],
    ]);
    expect(waterfallTies(steps)).toBe(true);
  });

  it("says the period is still below zero when the close's total only goes against an earlier one", () => {
    // Invoice 1: -20.00, nothing due. The close (15 used after): the period -20.00 + 15.00 = -5.00, still
    // nothing due; 15.00 of its own, 0 due: its 15.00 goes against invoice 1's -20.00.
    const usage = [...REFUND_USAGE.slice(0, 2), refundsEvent("u2", "use", 20, 15)];
    const contract = refunds();
    const first = rateProgressiveInvoice(contract, usage, "2026-03", march(10), wallet);
    const closing = rateClosingInvoice(contract, usage, "2026-03", { ...wallet, earlier: [first] });
    expect([closing.total, closing.amountDue]).toEqual(["15.00", "0.00"]);
    const steps = waterfallOf(closing, dollars);
    expect(labelled(steps).slice(-2)).toEqual([
      [
        "earlier_below_zero",
        "Earlier invoices of the period below zero: the period so far is still below zero (-$5.00), nothing is due",
        "-15",
        "0",
      ],
      ["amount_due", "Amount due", "0.00", "0.00"],
    ]);
  });

  it("sets no earlier total below zero apart once a later invoice brought the period above zero", () => {
    // Lines to 3 decimals, the wallet at 4.995. Invoice 1: -20.00, nothing due. Invoice 2 (50 used by
    // the 15th): the period 30.000 - 4.995 = 25.005 → 25.00 due. The close (10 more used): the period
    // 40.000 - 4.995 = 35.005 → 35.00 (half-even), less 25.00 = 10.00 due on a total of 10.00 and no
    // wallet left to pay: no rounding of its own and nothing below zero. Before: "Earlier invoices of
    // the period below zero" -20 and a rounding of +20, invoice 1's -20.00 counted though invoice 2
    // had already not given it back.
    const usage = [
      ...REFUND_USAGE.slice(0, 2),
      refundsEvent("u2", "use", 12, 50),
      refundsEvent("u3", "use", 20, 10),
    ];
    const contract = refunds({ lineDecimals: 3 });
    const options = { creditBalances: { wallet: "4.995" } } as const;
    const first = rateProgressiveInvoice(contract, usage, "2026-03", march(10), options);
    const second = rateProgressiveInvoice(contract, usage, "2026-03", march(15), {
      ...options,
      earlier: [first],
    });
    const closing = rateClosingInvoice(contract, usage, "2026-03", { ...options, earlier: [first, second] });
    expect([second.amountDue, closing.total, closing.amountDue]).toEqual(["25.00", "10.00", "10.00"]);
    const steps = waterfallOf(closing, { prefix: "$", minorUnits: 3 });
    expect(bars(steps).slice(-3)).toEqual([
      ["total", "10.00", "10.00"],
      ["credit_after_tax", "0.000", "10"],
      ["amount_due", "10.00", "10.00"],
    ]);
    expect(waterfallTies(steps)).toBe(true);
  });
});
