import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseContract, safeParseContract } from "../../src/contracts/index.js";
import { Decimal, isWithinBound, UNIT_PRICE } from "../../src/money/index.js";
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

// Each field within the bounds of its kind (docs/decisions/numeric-bounds.md): a unit price below 10^9
// with 15 decimals, a money amount below 10^15 with 12, a quantity below 10^15 with 9.
const unitPriceTextArb = canonicalDecimalTextArb({ signed: false, maxScale: 15, maxUnits: 10n ** 9n - 1n });
const amountTextArb = canonicalDecimalTextArb({ signed: false, maxScale: 12, maxUnits: 10n ** 15n - 1n });
const upToTextArb = canonicalDecimalTextArb({ signed: false, maxScale: 9, maxUnits: 10n ** 15n - 1n }).filter(
  (text) => text !== "0",
);

describe("parseContract (laws)", () => {
  it("reads decimals written as strings back to exactly the same text through toFixed()", () => {
    fc.assert(
      fc.property(unitPriceTextArb, amountTextArb, upToTextArb, (unitPrice, amount, upTo) => {
        const parsed = prices(parseContract(contractWith(unitPrice, amount, upTo)));
        expect(parsed.unitPrice.toFixed()).toBe(unitPrice);
        expect(parsed.amount.toFixed()).toBe(amount);
        expect(parsed.upTo.toFixed()).toBe(upTo);
      }),
    );
  });

  it("reads a finite JSON number as the decimal its shortest string names", () => {
    // n × 10^-s as a double: its shortest text is that decimal, within the bounds of both fields.
    const numberArb = fc
      .tuple(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 9 }))
      .map(([units, scale]) => units / 10 ** scale);
    fc.assert(
      fc.property(numberArb, (value) => {
        const parsed = prices(parseContract(contractWith(value, value, "1")));
        // String(0.1) is "0.1": the exact decimal is the one the shortest round-trip text names.
        expect(parsed.unitPrice.equals(new Decimal(String(value)))).toBe(true);
        expect(parsed.amount.equals(new Decimal(String(value)))).toBe(true);
      }),
    );
  });

  it("reads any JSON number either exactly or not at all: never a rounded value", () => {
    const anyDouble = fc.double({ min: -1e300, max: 1e300, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(anyDouble, (value) => {
        const result = safeParseContract(contractWith(value, "1", "1"));
        const exact = new Decimal(String(value));
        if (result.success) {
          expect(prices(result.data).unitPrice.equals(exact)).toBe(true);
          expect(isWithinBound(exact, UNIT_PRICE) && !exact.isNegative()).toBe(true);
        } else {
          // refused as out of range (or, below zero, as a negative price), at the field's path
          expect(result.error.details.problems).toContainEqual(
            expect.objectContaining({ path: "charges[0].price.unitPrice" }),
          );
          expect(isWithinBound(exact, UNIT_PRICE) && !exact.isNegative()).toBe(false);
        }
      }),
    );
  });
});
