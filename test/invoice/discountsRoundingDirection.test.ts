import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ContractInput } from "../../src/contracts/index.js";
import { explainText } from "../../src/explain/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract, flatCharge, sumMeter, unitCharge } from "../_support/contract.js";

// A 100.00 platform fee and bandwidth at 1.00 a GB (the line's amount is its GB), one invoice discount.
function contract(mode: string, discounts: ContractInput["discounts"], term?: ContractInput["term"]) {
  return buildContract({
    meters: [sumMeter("bw", { valueProperty: "gb" })],
    charges: [flatCharge("platform", "Platform", "100"), unitCharge("bw", "Bandwidth", "bw")],
    discounts,
    rounding: { mode } as ContractInput["rounding"],
    ...(term === undefined ? {} : { term }),
  });
}
const usage = (gb: string) => [
  { id: "a", type: "bw", customer: "cus", timestamp: "2026-03-20T00:00:00Z", properties: { gb } },
];
const fifteen = [{ id: "d15", name: "Fifteen", percent: "15" }];

// `ceiling` and `floor` are directions on the invoice (toward more to pay, toward less), as they are
// for every line, a credit line's too: a discount is a figure taken off, rounded as the negative
// figure the invoice shows (docs/concepts.md#rounding).
describe("a discount under a directed rounding mode", () => {
  it("ceiling rounds the discount toward +∞: it takes less (−15.2025 → −15.20)", () => {
    const invoice = rateInvoice(contract("ceiling", fifteen), usage("1.35"), "2026-03");
    // subtotal 100.00 + 1.35 = 101.35; 15 % = 15.2025; taken off: −15.2025, toward +∞ → −15.20
    expect(invoice.discounts?.[0]?.amount).toBe("-15.20");
    // total 101.35 − 15.20 = 86.15
    expect(invoice.total).toBe("86.15");
  });

  it("floor rounds the discount toward −∞: it takes more (−15.2025 → −15.21)", () => {
    const invoice = rateInvoice(contract("floor", fifteen), usage("1.35"), "2026-03");
    // 15 % of 101.35 = 15.2025; −15.2025 toward −∞ → −15.21; total 101.35 − 15.21 = 86.14
    expect(invoice.discounts?.[0]?.amount).toBe("-15.21");
    expect(invoice.total).toBe("86.14");
  });

  it("up and down keep rounding the size (away from and toward zero): −15.21 and −15.20", () => {
    const up = rateInvoice(contract("up", fifteen), usage("1.35"), "2026-03");
    const down = rateInvoice(contract("down", fifteen), usage("1.35"), "2026-03");
    // |−15.2025| away from zero → 15.21, toward zero → 15.20
    expect(up.discounts?.[0]?.amount).toBe("-15.21");
    expect(down.discounts?.[0]?.amount).toBe("-15.20");
  });

  it("rounds a prorated fixed amount the same way (10.00 for 15 of 31 days)", () => {
    const fixed = [{ id: "f10", name: "Ten off", amount: "10" }];
    const term = { start: "2026-03-17" };
    const ceiling = rateInvoice(contract("ceiling", fixed, term), usage("1.35"), "2026-03");
    const floor = rateInvoice(contract("floor", fixed, term), usage("1.35"), "2026-03");
    // 17–31 March is 15 of 31 days: 10.00 × 15 ÷ 31 = 4.8387…; taken off −4.8387…:
    // toward +∞ → −4.83, toward −∞ → −4.84
    expect(ceiling.discounts?.[0]).toMatchObject({ fixed: "4.83", amount: "-4.83" });
    expect(floor.discounts?.[0]).toMatchObject({ fixed: "4.84", amount: "-4.84" });
  });

  it("says which figure it rounded, so the sentence can be redone by hand", () => {
    const text = explainText(rateInvoice(contract("ceiling", fifteen), usage("1.35"), "2026-03"));
    expect(text).toContain(
      "Fifteen: 15% of $101.35 = $15.2025, taken off: -$15.2025, rounded ceiling: -$15.20, spread over",
    );
  });

  it("says the prorated fixed amount's exact share and which figure it rounded", () => {
    const fixed = [{ id: "f10", name: "Ten off", amount: "10" }];
    const text = explainText(
      rateInvoice(contract("ceiling", fixed, { start: "2026-03-17" }), usage("1.35"), "2026-03"),
    );
    // 10.00 × 1,296,000 ÷ 2,678,400 = 4.8387096774…; taken off −4.8387…, toward +∞ → −4.83 (it read
    // "= $4.83", a product that is not 4.83)
    expect(text).toContain(
      "Ten off: $10.00 a billing period × 1,296,000 ÷ 2,678,400 seconds = $4.8387096774…, rounded ceiling as the figure taken off (-$4.8387096774…): $4.83 (at most",
    );
  });

  it("law: the discount is −(15 % of the base) rounded by the mode, as a negative figure", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.constantFrom("ceiling", "floor", "up", "down", "half_up", "half_down", "half_even"),
        (cents, mode) => {
          const gb = new Decimal(cents).div(100).toFixed(2);
          const invoice = rateInvoice(contract(mode, fifteen), usage(gb), "2026-03");
          const exact = new Decimal(invoice.subtotal).times(15).div(100).negated();
          const amount = new Decimal(invoice.discounts![0]!.amount);
          // within a cent of the exact take, and on the side the mode names
          expect(amount.minus(exact).abs().lessThan("0.01")).toBe(true);
          if (mode === "ceiling") expect(amount.greaterThanOrEqualTo(exact)).toBe(true);
          if (mode === "floor") expect(amount.lessThanOrEqualTo(exact)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
