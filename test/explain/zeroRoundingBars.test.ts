import { describe, expect, it } from "vitest";
import { waterfallOf, waterfallTies } from "../../src/explain/waterfall.js";
import { rateClosingInvoice, rateInvoice, rateProgressiveInvoice } from "../../src/index.js";
import { REFUND_USAGE, refundsContract, refundsEvent } from "../_support/refundsContract.js";

// A rounding that added nothing is no step on the way to the amount due: its bar is left out, as the bars
// below zero are when nothing is below zero (docs/explain.md, "The waterfall").
const STYLE = { prefix: "$", minorUnits: 3 };
const bars = (steps: ReturnType<typeof waterfallOf>) =>
  steps.map((step) => [step.kind, step.amount.exact, step.running.exact]);
const contract = refundsContract({ lineDecimals: 3 });
const wallet = { creditBalances: { wallet: "5" } } as const;

describe("the waterfall's rounding bars", () => {
  it("leaves out the total's rounding when it added nothing", () => {
    // Lines to 3 decimals, March billed at once: 60.000 - 30.000 = 30.000 → 30.00 (nothing to round),
    // the wallet's 5.000: 25.000 → 25.00 due (nothing to round, no rounding.amountDue). Before:
    // "Rounding to 2 decimals" 0.
    const invoice = rateInvoice(contract, REFUND_USAGE, "2026-03", wallet);
    expect([invoice.rounding.total?.adjustment, invoice.rounding.amountDue]).toEqual(["0.000", undefined]);
    const steps = waterfallOf(invoice, STYLE);
    expect(bars(steps)).toEqual([
      ["subtotal", "30.000", "30.000"],
      ["total", "30.00", "30.00"],
      ["credit_after_tax", "-5.000", "25"],
      ["amount_due", "25.00", "25.00"],
    ]);
    expect(waterfallTies(steps)).toBe(true);
  });

  it("leaves out a close's own rounding of its total when it added nothing", () => {
    // Invoice 1 (10 used, 30 refunded by 10 March): -20.00, nothing due; 10 more refunded after: the
    // month -30.00, the close -10.000 → -10.00, nothing rounded, lifted to 0 (the period is below zero).
    const usage = [...REFUND_USAGE.slice(0, 2), refundsEvent("r2", "refund", 20, 10)];
    const first = rateProgressiveInvoice(contract, usage, "2026-03", "2026-03-10T00:00:00Z", wallet);
    const closing = rateClosingInvoice(contract, usage, "2026-03", { ...wallet, earlier: [first] });
    const steps = waterfallOf(closing, STYLE);
    expect(bars(steps)).toEqual([
      ["subtotal", "-10.000", "-10.000"],
      ["total", "-10.00", "-10.00"],
      ["below_zero_not_due", "10", "0"],
      ["credit_after_tax", "0.000", "0"],
      ["amount_due", "0.00", "0.00"],
    ]);
  });

  it("keeps a rounding that added something", () => {
    // 0.0015 used: 0.0015 → 0.002 to 3 decimals (half-even), the total 0.002 → 0.00: "Rounding to 2
    // decimals" -0.002.
    const invoice = rateInvoice(contract, [refundsEvent("u", "use", 2, 0.0015)], "2026-03", wallet);
    expect(bars(waterfallOf(invoice, STYLE))).toContainEqual(["total_rounding", "-0.002", "0"]);
  });
});
