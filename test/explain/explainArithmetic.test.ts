import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { explain, explainText, type Invoice, rateInvoice } from "../../src/index.js";
import { falseEquations, falseStatedRoundings } from "../_laws/explainArithmetic.js";
import { buildContract, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";

const goldenRich = () => JSON.parse(readFileSync("fixtures/golden-rich/expected.json", "utf8")) as Invoice;

describe("every sum the text explanation states can be redone by hand (golden-rich)", () => {
  it("a percentage discount says what it takes before its rounding", () => {
    // 10 % of 82.53 (egress eu 65.00 + us 17.53) = 8.253, rounded half-up to 8.25, taken off: it read
    // "10% of €82.53 = -€8.25", which is not 10 % of 82.53
    expect(explainText(goldenRich())).toContain(
      "Launch discount 10% on egress: 10% of €82.53 = €8.253, rounded half-up: -€8.25, spread over CDN egress [region eu] -€6.50, CDN egress [region us] -€1.75.",
    );
  });

  it("a tax rounded line by line says the exact tax and that the lines' rounded taxes add up to the amount", () => {
    // 19 % of 654.00 = 124.26 exactly; each line's tax rounded half-up: 17.0487 → 17.05, 9.424 → 9.42,
    // 11.115 → 11.12, 2.9982 → 3.00, 0.7752 → 0.78, 28.9313 → 28.93, 34.2 → 34.20, 19.7676 → 19.77;
    // 17.05 + 9.42 + 11.12 + 3.00 + 0.78 + 28.93 + 34.20 + 19.77 = 124.27. It read "19% of €654.00 =
    // €124.27 (each line's tax rounded)", which no one can redo from the sentence
    expect(explainText(goldenRich())).toContain(
      "USt 19%: 19% of €654.00 = €124.26; each line's tax rounded half-up, they add up to €124.27.",
    );
  });

  it("states no sum the checker finds false", () => {
    const text = explainText(goldenRich());
    expect([...falseEquations(text), ...falseStatedRoundings(text)]).toEqual([]);
  });
});

describe("a step that changes nothing but the unit", () => {
  it("says the billable quantity is the measured one, without an empty list of changes", () => {
    const invoice = rateInvoice(
      buildContract({
        id: "ctr_unit",
        meters: [sumMeter("m", { eventType: "u", unit: "requests" })],
        charges: [unitCharge("calls", "Calls", "m", "0.50", { transform: { unit: "calls" } })],
      }),
      [usageEvent("e", "u", "2026-03-02T00:00:00Z", { v: "4" })],
      "2026-03",
    );
    // 4 requests measured, billed as 4 calls (nothing divided, included or rounded): 4 × 0.50 = 2.00;
    // it read "Billable quantity: 4  = 4 calls."
    const text = explainText(invoice);
    expect(text).toContain(
      "Calls: 4 requests from 1 event. Billable quantity: 4 calls, as measured. 4 calls at $0.5000 = $2.00.",
    );
  });
});

describe("the Markdown explanation states sums that can be redone", () => {
  it("writes a commitment's overage factor as the contract does, not rounded for reading", () => {
    const invoice = rateInvoice(
      buildContract({
        id: "ctr_overage",
        meters: [sumMeter("m", { eventType: "u" })],
        charges: [unitCharge("calls", "Calls", "m", "1.00")],
        commitments: [{ id: "commit", name: "Commit", minimum: "40", overageFactor: "1.0001" }],
      }),
      [usageEvent("e", "u", "2026-03-02T00:00:00Z", { v: "100" })],
      "2026-03",
    );
    // 100 × 1.00 = 100.00 spent, 100.00 − 40.00 = 60.00 above the minimum, billed at 1.0001 times its
    // price: 60.00 × (1.0001 − 1) = 60.00 × 0.0001 = 0.006. The Markdown read "(≈ 1.000 − 1)", and
    // 60.00 × (1.000 − 1) is 0.00, not 0.006
    const markdown = explain(invoice, { format: "markdown" });
    expect(markdown).toContain(
      "the excess is billed at 1.0001 times its price, so the overage is $60.00 × (1.0001 − 1) = $0.006.",
    );
    expect(falseEquations(markdown.replace(/ \| /g, "\n"))).toEqual([]);
  });
});

describe("a percentage discount that rounds to nothing", () => {
  it("says what it took before the rounding, in a unit of no decimals rounded toward +∞", () => {
    const invoice = rateInvoice(
      buildContract({
        id: "ctr_points",
        currency: "POINTS",
        customUnits: [{ code: "POINTS", minorUnits: 0 }],
        rounding: { mode: "ceiling" },
        meters: [sumMeter("m", { eventType: "u" })],
        charges: [unitCharge("calls", "Calls", "m", "1")],
        discounts: [{ id: "ten", name: "Ten off", percent: "10" }],
      }),
      [usageEvent("e", "u", "2026-03-02T00:00:00Z", { v: "1" })],
      "2026-03",
    );
    // 1 call at 1 POINTS = 1; 10 % of 1 = 0.1, taken off as -0.1, rounded up (ceiling, toward +∞) to 0:
    // nothing taken, the total 1. It read "10% of POINTS 1 = POINTS 0", which is not 10 % of 1 (seed -1111619883 of the
    // fuzzing property found it).
    const text = explainText(invoice);
    expect(text).toContain(
      "Ten off: 10% of POINTS 1 = POINTS 0.1, taken off: -POINTS 0.1, rounded ceiling: POINTS 0.",
    );
    expect(invoice.total).toBe("1");
    expect([...falseEquations(text), ...falseStatedRoundings(text)]).toEqual([]);
  });
});
