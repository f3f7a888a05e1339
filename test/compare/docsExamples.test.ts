import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diff, fromStripeInvoice, reconcile, renderDiff, renderReconcile } from "../../src/compare/index.js";
import { parseContract, parseInvoice, rateInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { GRADUATED, rateMonth } from "./graduatedMonths.js";

// The worked examples of docs/diff-and-reconcile.md, run through the code. The numbers are the page's,
// worked by hand there.
const doc = readFileSync("docs/diff-and-reconcile.md", "utf8");

describe("docs/diff-and-reconcile.md", () => {
  it("worked example 1: a tier crossed, as the page prints it", () => {
    const month = (m: string, v: string) => rateMonth([GRADUATED], m, v);
    const text = renderDiff(diff(month("2026-01", "800"), month("2026-02", "1500")), "text");
    // 800 × 0.10 = 80.00 → 1,000 × 0.10 + 500 × 0.08 = 140.00
    expect(doc).toContain(text.trimEnd());
  });

  it("worked example 3: cdn-basic under a price book with Europe's second tier at 0.060", () => {
    const json = JSON.parse(readFileSync("fixtures/cdn-basic/contract.json", "utf8"));
    const usage = readFileSync("fixtures/cdn-basic/usage.ndjson", "utf8")
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line));
    const before = rateInvoice(parseContract(json), usage, "2026-02");
    const cheaper = structuredClone(json);
    cheaper.id = "ctr_northwind_cdn_2027";
    cheaper.charges.find((c: { id: string }) => c.id === "bandwidth_eu").price.tiers[1].unitPrice = "0.060";
    const after = rateInvoice(parseContract(cheaper), usage, "2026-02");
    const result = diff(before, after);
    // 2,134.96 − 2,242.04 = −107.08, all price: (0.060 − 0.065) × 21,415.926 = −107.07963 → −107.08
    expect([result.before.amount, result.after.amount, result.change]).toEqual([
      "7663.78",
      "7556.70",
      "-107.08",
    ]);
    expect(result.attributions.map((a) => [a.cause, a.line, a.amount])).toEqual([
      ["price", "bandwidth_eu", "-107.08"],
    ]);
  });

  it("the reconcile example: the Stripe invoice of cdn-basic, as the page prints it", () => {
    const stripe = JSON.parse(readFileSync("test/compare/data/cdn-basic.stripe.json", "utf8"));
    const recomputed = parseInvoice(JSON.parse(readFileSync("fixtures/cdn-basic/expected.json", "utf8")));
    const result = reconcile(fromStripeInvoice(stripe), recomputed);
    // 27.04 + 1,200.00 − 0.01 = 1,227.03 = 7,663.78 − 6,436.75
    expect(result.discrepancies.reduce((sum, d) => sum.plus(d.amount), new Decimal(0)).toFixed(2)).toBe(
      "1227.03",
    );
    expect(doc).toContain(renderReconcile(result, "text").trimEnd());
  });
});
