import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { NO_CONTEXT, unit } from "../../src/pricing/index.js";
import { quantityArb, unitPerArb, unitPriceArb } from "../_arbitraries/prices.js";
import { assertPriceModelLaws } from "../_laws/priceModelLaws.js";
import { buildContract, sumMeter, usageEvent } from "../_support/contract.js";

describe("laws of a unit price quoted per N units", () => {
  it("is deterministic, non-negative, and its steps re-add to the amount", () => {
    assertPriceModelLaws(unitPerArb);
  });

  it("rates exactly what the price of one unit (quoted ÷ per) rates: nothing is rounded", () => {
    fc.assert(
      fc.property(unitPerArb, quantityArb, (terms, quantity) => {
        if (terms.model !== "unit" || terms.per === undefined) return;
        const perUnit = unit.rate(
          { model: "unit", unitPrice: terms.unitPrice.div(terms.per) },
          quantity,
          NO_CONTEXT,
        );
        const quoted = unit.rate(terms, quantity, NO_CONTEXT);
        expect(quoted.amount.equals(perUnit.amount)).toBe(true);
        // × per undoes ÷ per exactly: no digit was lost
        expect(quoted.amount.times(terms.per).equals(quantity.times(terms.unitPrice))).toBe(true);
      }),
    );
  });

  it("bills max(0, usage − included) × price ÷ per, before line rounding", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.integer({ min: 0, max: 50_000_000 }),
        unitPriceArb,
        fc.integer({ min: 0, max: 9 }),
        (usage, included, unitPrice, exponent) => {
          const per = new Decimal(10).pow(exponent);
          const contract = buildContract({
            meters: [sumMeter("requests")],
            charges: [
              {
                id: "requests",
                name: "Requests",
                meter: "requests",
                included: String(included),
                price: { model: "unit", unitPrice: unitPrice.toFixed(), per: per.toFixed() },
              },
            ],
          });
          const events = [usageEvent("r", "requests", "2026-02-03T00:00:00Z", { v: String(usage) })];
          const line = rateInvoice(contract, events, "2026-02").lines[0]!;
          const exact = new Decimal(Math.max(0, usage - included)).times(unitPrice).div(per);
          expect(line.quantity).toBe(String(Math.max(0, usage - included)));
          expect(new Decimal(line.amount).equals(exact.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN))).toBe(
            true,
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
