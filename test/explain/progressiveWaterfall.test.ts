import { describe, expect, it } from "vitest";
import { waterfallOf, waterfallTies } from "../../src/explain/waterfall.js";
import { rateClosingInvoice, rateProgressiveInvoice } from "../../src/index.js";
import {
  lineDecimalsContract as contract,
  PREPAID_033,
  LINE_DECIMALS_USAGE as USAGE,
} from "../_support/progressiveLineDecimals.js";

// A period billed progressively under lines finer than the currency (rounding.lineDecimals): the invoice
// keeps the period's rounding so far, but its waterfall runs from its own subtotal to its own total, so
// its rounding bar is its own part (docs/explain.md, "The waterfall").
const STYLE = { prefix: "$", minorUnits: 4 };
const bars = (steps: ReturnType<typeof waterfallOf>) =>
  steps.map((step) => [step.kind, step.amount.exact, step.running.exact]);

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
});
