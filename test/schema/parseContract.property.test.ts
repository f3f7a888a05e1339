import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import { parseContract } from "../../src/schema/index.js";
import { canonicalDecimalTextArb } from "../_arbitraries/money.js";

// A contract with a unit price, a flat amount and one tier bound taken from the generated decimals.
function contractWith(unitPrice: unknown, amount: unknown, upTo: unknown) {
  return {
    schemaVersion: 1,
    id: "ctr_roundtrip",
    customer: { id: "cus_roundtrip" },
    currency: "USD",
    timeZone: "UTC",
    billing: { cadence: "monthly" },
    term: { start: "2026-01-01" },
    meters: [{ id: "gb", eventType: "cdn.bandwidth", aggregation: "sum", valueProperty: "gb" }],
    charges: [
      { id: "unit", name: "Unit", meter: "gb", price: { model: "unit", unitPrice } },
      { id: "fee", name: "Fee", price: { model: "flat", amount } },
      {
        id: "tiered",
        name: "Tiered",
        meter: "gb",
        price: { model: "graduated", tiers: [{ upTo, unitPrice: "1" }, { unitPrice: "0.5" }] },
      },
    ],
  };
}

function prices(contract: ReturnType<typeof parseContract>) {
  const [unit, fee, tiered] = contract.charges.map((charge) => charge.price);
  if (unit?.model !== "unit" || fee?.model !== "flat" || tiered?.model !== "graduated") {
    throw new Error("unexpected price models");
  }
  return { unitPrice: unit.unitPrice, amount: fee.amount, upTo: tiered.tiers[0]!.upTo! };
}

const nonNegativeTextArb = canonicalDecimalTextArb({ signed: false, maxScale: 12, maxUnits: 10n ** 18n });
const positiveTextArb = nonNegativeTextArb.filter((text) => text !== "0");

describe("parseContract (laws)", () => {
  it("reads decimals written as strings back to exactly the same text through toFixed()", () => {
    fc.assert(
      fc.property(nonNegativeTextArb, nonNegativeTextArb, positiveTextArb, (unitPrice, amount, upTo) => {
        const parsed = prices(parseContract(contractWith(unitPrice, amount, upTo)));
        expect(parsed.unitPrice.toFixed()).toBe(unitPrice);
        expect(parsed.amount.toFixed()).toBe(amount);
        expect(parsed.upTo.toFixed()).toBe(upTo);
      }),
    );
  });

  it("reads a finite JSON number as the decimal its shortest string names", () => {
    const numberArb = fc.double({ min: 0, max: 1e15, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(numberArb, (value) => {
        const parsed = prices(parseContract(contractWith(value, value, "1")));
        // String(0.1) is "0.1": the exact decimal is the one the shortest round-trip text names.
        expect(parsed.unitPrice.equals(new Decimal(String(value)))).toBe(true);
        expect(parsed.amount.equals(new Decimal(String(value)))).toBe(true);
      }),
    );
  });
});
