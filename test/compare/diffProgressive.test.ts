import { describe, expect, it } from "vitest";
import {
  diff,
  type Invoice,
  rateClosingInvoice,
  rateInvoice,
  rateProgressiveInvoice,
  renderDiff,
} from "../../src/index.js";
import { buildContract, flatCharge, sumMeter, twoTiers, usageEvent } from "../_support/contract.js";

// diff between invoices of one period billed progressively (docs/diff-and-reconcile.md, "Invoices of
// one period billed progressively"): each line is its period so far less what the earlier invoices
// billed of it, and diff reads it so.

const causes = (before: Invoice, after: Invoice) =>
  diff(before, after).attributions.map((a) => [a.cause, a.amount]);

describe("diff of a progressive sequence with lines finer than the currency", () => {
  // GB at 0.144, lines to 3 decimals: 1 GB on 5, 15 and 25 March; invoices as of the 10th and 20th.
  const contract = buildContract({
    meters: [sumMeter("gb", { unit: "GB" })],
    charges: [{ id: "bw", name: "Bandwidth", meter: "gb", price: { model: "unit", unitPrice: "0.144" } }],
    rounding: { lineDecimals: 3 } as never,
  });
  const usage = ["05", "15", "25"].map((day) =>
    usageEvent(`e${day}`, "gb", `2026-03-${day}T00:00:00Z`, { v: "1" }),
  );
  const first = rateProgressiveInvoice(contract, usage, "2026-03", "2026-03-10T00:00:00Z");
  const second = rateProgressiveInvoice(contract, usage, "2026-03", "2026-03-20T00:00:00Z", {
    earlier: [first],
  });
  const closing = rateClosingInvoice(contract, usage, "2026-03", { earlier: [first, second] });

  it("names no rate change where the rate is 0.144 on both, and leaves nothing to rounding", () => {
    // Invoice 1: 1 GB × 0.144 = 0.144 → 0.14 (its rounding −0.004). Invoice 2: the period so far is
    // 2 GB, 0.288 → 0.29, less 0.14 billed = 0.15, on 0.144 of its own line: its own rounding +0.006.
    expect([first.total, second.total]).toEqual(["0.14", "0.15"]);
    // Change 0.150 − 0.140 = +0.010 = usage so far 1 → 2 GB at 0.144 (+0.144), less what invoice 1
    // billed of the line 0 → 0.144 (−0.144), and the total's own rounding −0.004 → +0.006 (+0.010).
    // Before: "the rate changed (0.144 a unit → 0.144 a unit)" +0.144 and rounding −0.140.
    expect(causes(first, second)).toEqual([
      ["billed_earlier", "-0.144"],
      ["usage", "0.144"],
      ["total_rounding", "0.010"],
    ]);
    const text = renderDiff(diff(first, second), "text");
    expect(text).toContain(
      "Bandwidth: usage so far this period 1 → 2 GB, priced at the earlier marginal rates.",
    );
    expect(text).toContain(
      "Bandwidth: less what earlier invoices of the period billed, 0.000 (0 GB) → 0.144 (1 GB).",
    );
    expect(text).toContain("its rounding adjustment (each invoice's own part) -0.004 → 0.006.");
    expect(text).not.toContain("the rate changed");
  });

  it("reads invoice 2 against the close the same way: 0.15 → 0.14", () => {
    // The close: 3 GB so far, 0.432 → 0.43, less 0.14 + 0.15 = 0.29 → 0.14; own rounding 0.14 − 0.144.
    expect(closing.total).toBe("0.14");
    // −0.010 = usage 2 → 3 GB (+0.144), billed earlier 0.144 → 0.288 (−0.144), rounding 0.006 → −0.004.
    expect(causes(second, closing)).toEqual([
      ["billed_earlier", "-0.144"],
      ["usage", "0.144"],
      ["total_rounding", "-0.010"],
    ]);
  });
});

describe("diff of a progressive invoice and the close of its period", () => {
  // docs/progressive-billing.md's worked example: 0–1,000 GB at 0.10, then 0.05; a platform fee of
  // 20.00; 800 GB on 5 March, 600 on the 15th, 100 on the 25th; invoices as of the 10th and the 20th.
  const contract = buildContract({
    meters: [sumMeter("gb", { unit: "GB" })],
    charges: [
      { id: "bw", name: "Bandwidth", meter: "gb", price: twoTiers("0.10", "0.05", "1000") },
      flatCharge("platform", "Platform fee", "20.00"),
    ],
  });
  const usage = [
    usageEvent("a", "gb", "2026-03-05T00:00:00Z", { v: "800" }),
    usageEvent("b", "gb", "2026-03-15T00:00:00Z", { v: "600" }),
    usageEvent("c", "gb", "2026-03-25T00:00:00Z", { v: "100" }),
  ];
  const first = rateProgressiveInvoice(contract, usage, "2026-03", "2026-03-10T00:00:00Z");
  const second = rateProgressiveInvoice(contract, usage, "2026-03", "2026-03-20T00:00:00Z", {
    earlier: [first],
  });
  const closing = rateClosingInvoice(contract, usage, "2026-03", { earlier: [first, second] });

  it("compares the period so far, then what earlier invoices billed, with nothing left to rounding", () => {
    expect([first.total, second.total, closing.total]).toEqual(["80.00", "40.00", "25.00"]);
    // 25.00 − 80.00 = −55.00. The period so far 800 → 1,500 GB: tier 1 (800 → 1,000) 200 × 0.10 =
    // 20.00 and tier 2, crossed, 500 × 0.05 = 25.00: +45.00. Billed earlier 0 → 120.00 (1,400 GB):
    // −120.00. The fee, billed at the close only: +20.00. 45 − 120 + 20 = −55.
    // Before: "usage 800 → 100 GB" +45.00 and −120.00 of "rounding".
    expect(causes(first, closing)).toEqual([
      ["billed_earlier", "-120.00"],
      ["usage", "45.00"],
      ["line_added", "20.00"],
    ]);
    // 25.00 − 40.00 = −15.00: usage 1,400 → 1,500 GB at 0.05 (+5.00), billed earlier 80.00 → 120.00
    // (−40.00), the fee +20.00.
    expect(causes(second, closing)).toEqual([
      ["billed_earlier", "-40.00"],
      ["line_added", "20.00"],
      ["usage", "5.00"],
    ]);
  });

  it("says under the heading that both bill the period so far less what earlier invoices billed", () => {
    const text = renderDiff(diff(first, closing), "text");
    // The period so far: 80.00, then 125.00 + 20.00 = 145.00; billed earlier 0.00, then 80.00 + 40.00.
    expect(text).toContain(
      "These are progressive invoice 1 and the closing invoice of one period: the period so far 80.00 → 145.00, less what earlier invoices billed 0.00 → 120.00;",
    );
    expect(text).toContain("Bandwidth: usage so far this period 800 → 1500 GB");
    expect(text).toContain(
      "Bandwidth: less what earlier invoices of the period billed, 0.00 (0 GB) → 120.00 (1400 GB).",
    );
    expect(diff(first, closing).after.progressive).toEqual({
      sequence: 3,
      stage: "closing",
      periodSoFar: "145.00",
      billedEarlier: "120.00",
    });
  });

  it("reads a close against the next period's invoice line by line, without the one-period sentence", () => {
    // April, 300 GB at 0.10 = 30.00 + the fee 20.00 = 50.00; the close 25.00: +25.00 = the usage so far
    // 1,500 → 300 GB (tier 2 500 → 0 at 0.05: −25.00; tier 1 1,000 → 300 at 0.10: −70.00) −95.00, and
    // what earlier invoices billed 120.00 → 0 (+120.00).
    const april = rateInvoice(
      contract,
      [usageEvent("d", "gb", "2026-04-05T00:00:00Z", { v: "300" })],
      "2026-04",
    );
    expect(causes(closing, april)).toEqual([
      ["billed_earlier", "120.00"],
      ["usage", "-95.00"],
    ]);
    expect(renderDiff(diff(closing, april), "text")).not.toContain("of one period");
  });
});
