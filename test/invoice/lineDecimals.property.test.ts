import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { waterfallOf, waterfallTies } from "../../src/explain/waterfall.js";
import { rateInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { lineDecimalsCaseArb as caseArb } from "../_arbitraries/lineDecimals.js";
import { buildContract } from "../_support/contract.js";

// Lines finer than the currency: whatever the fees, the rounding adjustment is what takes the exact
// sum to the total, it is at most half a minor unit, and the waterfall still ties.

describe("rounding.lineDecimals", () => {
  it("total = net + tax + adjustment exactly; |adjustment| < 1 cent (≤ ½ when rounding to nearest); the waterfall ties", () => {
    fc.assert(
      fc.property(caseArb, ({ lineDecimals, mode, prices, taxed }) => {
        const contract = buildContract({
          meters: [],
          charges: prices.map((price, index) => ({
            id: `f${index}`,
            name: `Fee ${index}`,
            quantity: "1",
            price: { model: "unit", unitPrice: price.toFixed() },
          })),
          rounding: { mode, lineDecimals } as never,
          tax: taxed
            ? ({ mode: "exclusive", rates: [{ id: "vat", name: "VAT", percent: "19" }] } as never)
            : undefined,
        });
        const invoice = rateInvoice(contract, [], "2026-03");
        const subtotal = invoice.lines.reduce((sum, line) => sum.plus(line.amount), new Decimal(0));
        expect(subtotal.equals(invoice.subtotal)).toBe(true);
        const before = subtotal.plus(invoice.tax?.total ?? "0");
        const rounding = invoice.rounding.total!;
        expect(new Decimal(rounding.before).equals(before)).toBe(true);
        expect(before.plus(rounding.adjustment).equals(invoice.total)).toBe(true);
        expect(new Decimal(invoice.total).decimalPlaces()).toBeLessThanOrEqual(2);
        const bound = mode.startsWith("half") ? new Decimal("0.005") : new Decimal("0.01");
        expect(new Decimal(rounding.adjustment).abs().lessThanOrEqualTo(bound)).toBe(true);
        expect(
          waterfallTies(waterfallOf(invoice, { prefix: "$", minorUnits: invoice.currency.minorUnits })),
        ).toBe(true);
      }),
    );
  });
});
