import { describe, expect, it } from "vitest";
import { type FocusRow, focusRows, rateClosingInvoice, rateProgressiveInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { REFUND_AFTER_USE, REFUND_USAGE, refundsContract } from "../_support/refundsContract.js";
import { violations } from "./focusSpec.js";

// A progressive period whose totals go below zero: the rows of each invoice must add up to what it asks
// for, its amount due (billedcost.md), though the amount due is not its total less its credits when a
// total of the period is below zero (docs/focus-export.md, "A total below zero in a progressive period").
const PROVIDER = { provider: "Acme Cloud" };
const sum = (rows: ReadonlyArray<FocusRow>) =>
  rows.reduce((total, row) => total.plus(row.BilledCost ?? "NaN"), new Decimal(0));
const cells = (rows: ReadonlyArray<FocusRow>) => rows.map((row) => [row.x_LineId, row.BilledCost]);
const MARCH_10 = "2026-03-10T00:00:00Z";

function sequence(rounding: object | undefined, usage: typeof REFUND_USAGE, balance: string) {
  const options = { creditBalances: { wallet: balance } } as const;
  const contract = refundsContract(rounding);
  const first = rateProgressiveInvoice(contract, usage, "2026-03", MARCH_10, options);
  const closing = rateClosingInvoice(contract, usage, "2026-03", { ...options, earlier: [first] });
  return { first, closing };
}

describe("focusRows of a progressive period with a total below zero", () => {
  it("takes an earlier invoice's total below zero off in a row of its own", () => {
    // Invoice 1 (10 used, 30 refunded by 10 March): -20.00, nothing due. The month: 60 - 30 = 30.00,
    // the wallet's 5.00 paid: 25.00 due. The close totals 30.00 - (-20.00) = 50.00 and bills 25.00 - 0
    // = 25.00: 50.00 - 5.00 = 45.00 of lines and credit, and invoice 1's -20.00, never due, is not given
    // back: 45.00 - 20.00 = 25.00. The rows came to 45.00.
    const { first, closing } = sequence(undefined, REFUND_USAGE, "5");
    expect([first.amountDue, closing.total, closing.amountDue]).toEqual(["0.00", "50.00", "25.00"]);
    const rows = focusRows(closing, PROVIDER);
    expect(cells(rows)).toEqual([
      ["use", "50.00"],
      ["refund", "0.00"],
      ["credit:wallet", "-5.00"],
      ["earlier_negative_total", "-20.00"],
    ]);
    const earlier = rows.at(-1);
    // chargeclass.md: null for a row that corrects nothing of an earlier billing period (it is March's).
    expect([earlier?.ChargeCategory, earlier?.ChargeClass]).toEqual(["Adjustment", null]);
    expect(sum(rows).toFixed(2)).toBe("25.00");
    // Invoice 1 lifts its own -20.00, as an invoice billed on its own does.
    expect(cells(focusRows(first, PROVIDER)).at(2)).toEqual(["negative_total", "20.00"]);
    expect(focusRows(first, PROVIDER)[2]?.ChargeDescription).toBe(
      "Negative total not carried into the amount due",
    );
    for (const row of [...focusRows(first, PROVIDER), ...rows]) expect(violations(row)).toEqual([]);
  });

  it("keeps it apart from the rounding of the amount due under lines finer than the currency", () => {
    // Lines to 3 decimals and the wallet carried in at 4.995: the month is 30.000 - 4.995 = 25.005 →
    // 25.00 due (half-even, -0.005); the close's rows 50.000 - 4.995 = 45.005, invoice 1's -20.000 and
    // its own rounding 25.00 - 25.005 = -0.005. The rounding row took -20.005.
    const { closing } = sequence({ lineDecimals: 3 }, REFUND_USAGE, "4.995");
    expect([closing.total, closing.amountDue]).toEqual(["50.00", "25.00"]);
    const rows = focusRows(closing, PROVIDER);
    expect(cells(rows)).toEqual([
      ["use", "50.000"],
      ["refund", "0.000"],
      ["credit:wallet", "-4.995"],
      ["earlier_negative_total", "-20.000"],
      ["rounding:amount_due", "-0.005"],
    ]);
    expect(sum(rows).toFixed(3)).toBe("25.000");
  });

  it("gives back what earlier invoices made due, and no more, when the period falls below zero", () => {
    // Invoice 1 (20 used by 10 March): 20.00, the wallet pays 5.00: 15.00 due. The month: 20 - 30 =
    // -10.00, nothing due. The close totals -10.00 - 20.00 = -30.00 and bills 0 - 15.00 = -15.00: the
    // period's -10.00 is not due (+10.00), so -20.00 of its total gives invoice 1's 20.00 back, 5.00 of
    // it to the wallet (+5.00): -30.00 + 10.00 + 5.00 = -15.00. The rows lifted all -30.00 and came to
    // +5.00, a charge where 15.00 is owed.
    const { first, closing } = sequence(undefined, REFUND_AFTER_USE, "5");
    expect([first.amountDue, closing.total, closing.amountDue]).toEqual(["15.00", "-30.00", "-15.00"]);
    const rows = focusRows(closing, PROVIDER);
    expect(cells(rows)).toEqual([
      ["use", "0.00"],
      ["refund", "-30.00"],
      ["negative_total", "10.00"],
      ["credit:wallet", "5.00"],
    ]);
    expect(sum(rows).toFixed(2)).toBe("-15.00");
    // It lifts the period's total so far, not the close's own.
    expect(rows[2]?.ChargeDescription).toBe(
      "Negative total of the period so far, not carried into the amount due",
    );
    // With invoice 1's 15.00, the period's 0.00 due.
    expect(sum([...focusRows(first, PROVIDER), ...rows]).toFixed(2)).toBe("0.00");
  });
});
