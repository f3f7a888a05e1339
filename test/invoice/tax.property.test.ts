import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract } from "../_support/contract.js";

const percentArb = fc.integer({ min: 0, max: 3000 }).map((n) => (n / 100).toFixed(2));
const centsArb = fc.integer({ min: 0, max: 10_000_000 }).map((n) => (n / 100).toFixed(2));

function rate(
  mode: "exclusive" | "inclusive",
  rounding: "per_line" | "per_invoice",
  percents: string[],
  values: string[],
) {
  const contract = buildContract({
    meters: values.map((_, i) => ({
      id: `m${i}`,
      eventType: `u${i}`,
      aggregation: "sum" as const,
      valueProperty: "v",
    })),
    charges: values.map((_, i) => ({
      id: `c${i}`,
      name: `C${i}`,
      meter: `m${i}`,
      price: { model: "unit" as const, unitPrice: "1" },
    })),
    tax: { mode, rounding, rates: percents.map((percent, i) => ({ id: `r${i}`, name: `R${i}`, percent })) },
  });
  const events = values.map((v, i) => ({
    id: `e${i}`,
    type: `u${i}`,
    customer: "cus",
    timestamp: "2026-03-02T00:00:00Z",
    properties: { v },
  }));
  return rateInvoice(contract, events, "2026-03");
}

describe("tax laws", () => {
  const cases = fc.tuple(
    fc.constantFrom("exclusive" as const, "inclusive" as const),
    fc.constantFrom("per_line" as const, "per_invoice" as const),
    fc.array(percentArb, { minLength: 1, maxLength: 3 }),
    fc.array(centsArb, { minLength: 1, maxLength: 6 }),
  );

  it("splits an inclusive gross into net + tax exactly, and adds exclusive tax on top exactly", () => {
    fc.assert(
      fc.property(cases, ([mode, rounding, percents, values]) => {
        const invoice = rate(mode, rounding, percents, values);
        const tax = invoice.tax!;
        const rates = tax.rates.reduce((sum, r) => sum.plus(r.amount), new Decimal(0));
        expect(rates.equals(tax.total)).toBe(true);
        if (mode === "inclusive") {
          expect(new Decimal(tax.net).plus(tax.total).equals(invoice.subtotal)).toBe(true);
          expect(invoice.total).toBe(invoice.subtotal);
        } else {
          expect(new Decimal(invoice.subtotal).plus(tax.total).equals(invoice.total)).toBe(true);
        }
      }),
    );
  });

  it("keeps per_line and per_invoice within half a cent per line of each other, for each rate", () => {
    fc.assert(
      fc.property(cases, ([mode, , percents, values]) => {
        const line = rate(mode, "per_line", percents, values).tax!;
        const once = rate(mode, "per_invoice", percents, values).tax!;
        line.rates.forEach((r, i) => {
          const gap = new Decimal(r.amount).minus(once.rates[i]!.amount).abs();
          // each line's rounding moves it by at most 0.005, the total's by at most 0.005 more
          expect(gap.lessThanOrEqualTo(new Decimal("0.005").times(values.length + 1))).toBe(true);
        });
      }),
    );
  });
});
