import { describe, expect, it } from "vitest";
import {
  type Invoice,
  issueCreditNote,
  rateClosingInvoice,
  rateProgressiveInvoice,
} from "../../src/invoice/index.js";
import { buildContract, sumMeter, usageEvent } from "../_support/contract.js";
import { PROGRESSIVE_EXAMPLE_CHARGES, progressiveExampleSequence } from "../_support/progressiveExample.js";

// The worked example of docs/progressive-billing.md: bandwidth 0–1,000 GB at 0.10, above at 0.05, a
// platform fee of 20.00; 800 GB on 5 March, 600 GB on the 15th, 100 GB on the 25th; invoices as of the
// 10th and the 20th, then the close. A quantity correction of a line that bills the cumulative usage
// less what earlier invoices billed re-rates the units it keeps above theirs, not from zero.
const contract = buildContract({ meters: [sumMeter("gb")], charges: PROGRESSIVE_EXAMPLE_CHARGES });
const takeOff = (invoice: Invoice, quantity: string) =>
  issueCreditNote(contract, invoice, [{ kind: "quantity", line: "bw", quantity, reason: "double-counted" }])
    .lines[0];

describe("a quantity credit note of a progressive invoice's line", () => {
  it("re-rates the units kept on top of those billed earlier: 300 GB off the second invoice credits 15.00", () => {
    const { second } = progressiveExampleSequence(contract);
    // the second invoice bills 1,400 GB (120.00) less the first's 800 GB (80.00): 600 GB, 40.00
    expect(second.lines.find((line) => line.id === "bw")?.amount).toBe("40.00");
    // 300 GB kept: 800 + 300 = 1,100 GB → 1,000 × 0.10 + 100 × 0.05 = 105.00, less 80.00 = 25.00;
    // credit 40.00 − 25.00 = 15.00 (re-rated from zero, 300 × 0.10 = 30.00, it credited 10.00)
    expect(takeOff(second, "300")).toMatchObject({ rerated: "25.00", amount: "15.00" });
  });

  it("credits 100 GB off the second invoice at the tier they sat in: 5.00", () => {
    const { second } = progressiveExampleSequence(contract);
    // 500 GB kept: 1,300 GB → 100.00 + 300 × 0.05 = 115.00, less 80.00 = 35.00; 40.00 − 35.00 = 5.00
    // (re-rated from zero, 500 × 0.10 = 50.00, the credit came to −10.00 and was refused)
    expect(takeOff(second, "100")).toMatchObject({ rerated: "35.00", amount: "5.00" });
  });

  it("credits 50 GB off the closing invoice at 0.05: 2.50", () => {
    const { closing } = progressiveExampleSequence(contract);
    // the close bills 1,500 GB (125.00) less 1,400 GB (120.00): 100 GB, 5.00. 50 GB kept: 1,450 GB →
    // 100.00 + 450 × 0.05 = 122.50, less 120.00 = 2.50; 5.00 − 2.50 = 2.50 (from zero: 5.00 − 5.00, refused)
    expect(takeOff(closing, "50")).toMatchObject({ rerated: "2.50", amount: "2.50" });
  });

  it("two notes take units off in turn, as one note would", () => {
    const { second } = progressiveExampleSequence(contract);
    const one = issueCreditNote(contract, second, [
      { kind: "quantity", line: "bw", quantity: "100", reason: "x" },
    ]);
    const two = issueCreditNote(
      contract,
      second,
      [{ kind: "quantity", line: "bw", quantity: "200", reason: "x" }],
      {
        previous: [one],
      },
    );
    // 5.00, then 35.00 − 25.00 = 10.00: 15.00 in all, what 300 GB off in one note credits
    expect([one.total, two.total]).toEqual(["5.00", "10.00"]);
  });
});

describe("the tax a credit note of a progressive or closing invoice gives back", () => {
  // 0.35 a GB, 10 % VAT exclusive; 1 GB on 2 March, 1 GB on 12 March; a progressive invoice as of the
  // 10th, then the close.
  const taxedAt = (rounding: "per_invoice" | "per_line") =>
    buildContract({
      meters: [sumMeter("gb")],
      charges: [{ id: "bw", name: "Bandwidth", meter: "gb", price: { model: "unit", unitPrice: "0.35" } }],
      tax: { mode: "exclusive", rounding, rates: [{ id: "vat", name: "VAT", percent: "10" }] },
    });
  const march = [
    usageEvent("a", "gb", "2026-03-02T10:00:00Z", { v: "1" }),
    usageEvent("b", "gb", "2026-03-12T10:00:00Z", { v: "1" }),
  ];
  for (const rounding of ["per_invoice", "per_line"] as const)
    it(`never more than the invoice charged (${rounding}): 0.03 of the close's tax, not round(0.035) = 0.04`, () => {
      const contract = taxedAt(rounding);
      const first = rateProgressiveInvoice(contract, march, "2026-03", "2026-03-10");
      const closing = rateClosingInvoice(contract, march, "2026-03", { earlier: [first] });
      // first: 0.35 + round(0.035) = 0.35 + 0.04 = 0.39; the month: 0.70 + round(0.07) = 0.77, so the
      // close charges 0.35 + (0.07 − 0.04) = 0.38
      expect([first.total, closing.tax?.total, closing.total]).toEqual(["0.39", "0.03", "0.38"]);
      const whole = issueCreditNote(contract, closing, [{ kind: "invoice", reason: "void" }]);
      // all of it: 0.35 + 0.03 = 0.38, what it charged (rounded from zero, 0.035 → 0.04: 0.39)
      expect([whole.tax?.total, whole.total]).toEqual(["0.03", "0.38"]);
      // 0.20 then the rest: round(0.020) = 0.02, then 0.03 − 0.02 = 0.01 (from zero it was round(0.035)
      // − 0.02 = 0.02): 0.22 + 0.16 = 0.38
      const part = issueCreditNote(contract, closing, [
        { kind: "amount", line: "bw", amount: "0.20", reason: "part" },
      ]);
      const rest = issueCreditNote(contract, closing, [{ kind: "invoice", reason: "rest" }], {
        previous: [part],
      });
      expect([part.total, rest.total]).toEqual(["0.22", "0.16"]);
    });
});
