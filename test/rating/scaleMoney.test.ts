import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import { scaleMoney } from "../../src/rating/index.js";

const d = (value: string | number) => new Decimal(value);

// Every Decimal of a JSON-like value as text, so two prices compare by value.
function asText(value: unknown): unknown {
  if (value instanceof Decimal) return value.toFixed();
  if (Array.isArray(value)) return value.map(asText);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, asText(inner)]));
  return value;
}

describe("scaleMoney", () => {
  it("multiplies tier prices and fees, not the tier bounds (the doc's example)", () => {
    // 0.08 × 0.8 = 0.064 and 0.06 × 0.8 = 0.048 up to the same 10,000; the flat fee 5 × 0.8 = 4.
    const graduated = {
      model: "graduated",
      tiers: [{ upTo: d(10000), unitPrice: d("0.08"), flatFee: d(5) }, { unitPrice: d("0.06") }],
    };
    expect(asText(scaleMoney(graduated, d("0.8")))).toEqual({
      model: "graduated",
      tiers: [{ upTo: "10000", unitPrice: "0.064", flatFee: "4" }, { unitPrice: "0.048" }],
    });
  });

  it("leaves quantities, rates and bounds alone: packageSize, percent, basisPoints, freeAmount, max", () => {
    // Only packagePrice (12 × 1.5 = 18) and fixedFee (0.30 × 1.5 = 0.45) are money.
    const price = {
      packageSize: d(100),
      packagePrice: d(12),
      percent: d("2.9"),
      basisPoints: d(15),
      freeAmount: d(1000),
      max: d(50),
      fixedFee: d("0.30"),
    };
    expect(asText(scaleMoney(price, d("1.5")))).toEqual({
      packageSize: "100",
      packagePrice: "18",
      percent: "2.9",
      basisPoints: "15",
      freeAmount: "1000",
      max: "50",
      fixedFee: "0.45",
    });
  });

  it("scales every money amount of nested prices and leaves a cell's match as it is", () => {
    // cell 0.05 × 2 = 0.1, default 0.10 × 2 = 0.2; the match value 7 is a Decimal-free key.
    const matrix = {
      model: "matrix",
      dimensions: ["region"],
      cells: [{ match: { region: "eu", tier: 7 }, price: { model: "unit", unitPrice: d("0.05") } }],
      defaultPrice: { model: "unit", unitPrice: d("0.10") },
      onUnpriced: "error",
      note: null,
    };
    expect(asText(scaleMoney(matrix, d(2)))).toEqual({
      model: "matrix",
      dimensions: ["region"],
      cells: [{ match: { region: "eu", tier: 7 }, price: { model: "unit", unitPrice: "0.1" } }],
      defaultPrice: { model: "unit", unitPrice: "0.2" },
      onUnpriced: "error",
      note: null,
    });
  });

  it("keeps a Decimal under a match key as it is (a match is never money)", () => {
    const cell = { match: { size: d(3) }, price: { unitPrice: d(1) } };
    expect(asText(scaleMoney(cell, d(10)))).toEqual({ match: { size: "3" }, price: { unitPrice: "10" } });
  });

  it("does not change the price it is given", () => {
    const price = { model: "unit", unitPrice: d("0.10") };
    scaleMoney(price, d(3));
    expect(price.unitPrice.toFixed()).toBe("0.1");
  });
});

describe("scaleMoney: laws", () => {
  const amount = fc.integer({ min: -10_000, max: 10_000 }).map((cents) => d(cents).div(100));
  const multiplier = fc.integer({ min: 0, max: 300 }).map((hundredths) => d(hundredths).div(100));
  const price = fc.record({
    unitPrice: amount,
    upTo: amount,
    tiers: fc.array(fc.record({ unitPrice: amount, upTo: amount }), { maxLength: 3 }),
  });

  it("scaling by 1 changes nothing, and scaling by a then b is scaling by a × b", () => {
    fc.assert(
      fc.property(price, multiplier, multiplier, (terms, a, b) => {
        expect(asText(scaleMoney(terms, d(1)))).toEqual(asText(terms));
        expect(asText(scaleMoney(scaleMoney(terms, a), b))).toEqual(asText(scaleMoney(terms, a.times(b))));
        // Bounds never move.
        const scaled = scaleMoney(terms, a);
        expect(scaled.upTo.equals(terms.upTo)).toBe(true);
        expect(scaled.tiers.map((tier) => tier.upTo.toFixed())).toEqual(
          terms.tiers.map((tier) => tier.upTo.toFixed()),
        );
      }),
    );
  });
});
