import { describe, expect, it } from "vitest";
import {
  diff,
  type Invoice,
  rateClosingInvoice,
  rateInvoice,
  rateProgressiveInvoice,
  renderDiff,
} from "../../src/index.js";
import { REFUND_AFTER_USE, REFUND_USAGE, refundsContract } from "../_support/refundsContract.js";

// diff of a closing invoice after an earlier one below zero: its amount due is not its total less its
// credits, and the gap is the earlier total below zero, not rounding and not its own total below zero
// (docs/diff-and-reconcile.md, "An earlier invoice below zero").
const causes = (before: Invoice, after: Invoice) =>
  diff(before, after).attributions.map((a) => [a.cause, a.amount]);
const MARCH_10 = "2026-03-10T00:00:00Z";

function monthAndClose(rounding: object | undefined, usage: typeof REFUND_USAGE, balance: string) {
  const options = { creditBalances: { wallet: balance } } as const;
  const contract = refundsContract(rounding);
  const first = rateProgressiveInvoice(contract, usage, "2026-03", MARCH_10, options);
  const closing = rateClosingInvoice(contract, usage, "2026-03", { ...options, earlier: [first] });
  return { whole: rateInvoice(contract, usage, "2026-03", options), first, closing };
}

describe("diff against a close after an earlier invoice below zero", () => {
  it("names the earlier total below zero as its own cause, not the rounding of the total", () => {
    // Lines to 3 decimals, the wallet carried in at 4.995. March billed at once: 60 - 30 = 30.00, less
    // the wallet 25.005 → 25.00 due (-0.005). The close after invoice 1 (-20.00, nothing due): 50.00,
    // less 4.995 = 45.005, rounded -0.005, and invoice 1's -20.00 not given back = 25.00 due. Change 0:
    // the lines less what invoice 1 billed of them, use -10.000 and refunds +30.000, and -20.000 for
    // invoice 1's total below zero; each invoice's own rounding is -0.005, so no rounding cause. Before,
    // "total_rounding -20.000": -0.005 → -20.005.
    const { whole, closing } = monthAndClose({ lineDecimals: 3 }, REFUND_USAGE, "4.995");
    expect([whole.amountDue, closing.amountDue]).toEqual(["25.00", "25.00"]);
    expect(causes(whole, closing)).toEqual([
      ["billed_earlier", "30.000"],
      ["earlier_below_zero", "-20.000"],
      ["billed_earlier", "-10.000"],
    ]);
    expect(renderDiff(diff(whole, closing), "text")).toContain(
      "Earlier invoices of the period below zero, not due then, are not given back now: 0.000 → -20.000.",
    );
  });

  it("does so without line decimals too, where it was read as this invoice's negative total", () => {
    // The same with the wallet at 5.00: 30.00 - 5.00 = 25.00 due; the close 50.00 - 5.00 - 20.00 =
    // 25.00. Before, "negative_total -20.00", though the close's total is 50.00, above zero.
    const { whole, closing } = monthAndClose(undefined, REFUND_USAGE, "5");
    expect(causes(whole, closing)).toEqual([
      ["billed_earlier", "30.00"],
      ["earlier_below_zero", "-20.00"],
      ["billed_earlier", "-10.00"],
    ]);
  });

  it("reads a close whose period fell below zero as giving back what invoice 1 made due", () => {
    // Invoice 1 (20 used by 10 March): 20.00, the wallet pays 5.00, 15.00 due. The close: the month
    // is 20 - 30 = -10.00, so -30.00 of its own, and the period's -10.00 is not due (+10.00): -30.00 +
    // 10.00 + 5.00 given back to the wallet = -15.00. Against invoice 1 (15.00): change -30.00 =
    // lines (use 20.00 → 0.00 billed earlier, refunds 0.00 → -30.00), wallet -5.00 → +5.00 (+10.00),
    // negative_total 0 → +10.00, and no earlier total below zero: none was (the waterfall named one).
    const { first, closing } = monthAndClose(undefined, REFUND_AFTER_USE, "5");
    expect([first.amountDue, closing.amountDue]).toEqual(["15.00", "-15.00"]);
    const found = causes(first, closing);
    expect(found).toContainEqual(["negative_total", "10.00"]);
    expect(found).toContainEqual(["credit", "10.00"]);
    expect(found.map(([cause]) => cause)).not.toContain("earlier_below_zero");
  });
});
