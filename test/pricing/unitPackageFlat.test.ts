import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import { flat, NO_CONTEXT, packagePrice, ratePrice, unit } from "../../src/pricing/index.js";

const d = (value: string | number) => new Decimal(value);

describe("unit price", () => {
  it("keeps sub-minor unit prices exact", () => {
    // 1,234,567 requests × $0.0000025 = $3.0864175 (rounded later, once, on the line)
    const result = unit.rate({ model: "unit", unitPrice: d("0.0000025") }, d(1_234_567), NO_CONTEXT);
    expect(result.amount.toFixed()).toBe("3.0864175");
    expect(result.unitPrice).toBe("0.0000025");
    expect(result.priceKind).toBe("unit");
  });

  it("rates zero, fractional and 10^15 quantities", () => {
    const terms = { model: "unit" as const, unitPrice: d("0.09") };
    expect(unit.rate(terms, d(0), NO_CONTEXT).amount.toFixed()).toBe("0");
    // 2.5 × 0.09 = 0.225
    expect(unit.rate(terms, d("2.5"), NO_CONTEXT).amount.toFixed()).toBe("0.225");
    // 10^15 × 0.09 = 9 × 10^13
    expect(unit.rate(terms, d("1000000000000000"), NO_CONTEXT).amount.toFixed()).toBe("90000000000000");
  });
});

describe("package price", () => {
  const requests = { model: "package" as const, packageSize: d(10_000), packagePrice: d("0.0075") };

  it("rounds a partial package up by default", () => {
    // 87,654,321 ÷ 10,000 = 8,765.4321 → 8,766 packages × 0.0075 = 65.745
    const result = packagePrice.rate(requests, d(87_654_321), NO_CONTEXT);
    expect(result.amount.toFixed()).toBe("65.745");
    expect(result.steps[0]).toMatchObject({ packages: "8766", partialPackage: "round_up" });
  });

  it("rounds a partial package down when told to", () => {
    // 8,765 packages × 0.0075 = 65.7375
    expect(
      packagePrice
        .rate({ ...requests, partialPackage: "round_down" }, d(87_654_321), NO_CONTEXT)
        .amount.toFixed(),
    ).toBe("65.7375");
  });

  it("bills exactly one package at exactly the package size, and two one unit past it", () => {
    expect(packagePrice.rate(requests, d(10_000), NO_CONTEXT).amount.toFixed()).toBe("0.0075");
    // 10,001 → 2 packages × 0.0075 = 0.015
    expect(packagePrice.rate(requests, d(10_001), NO_CONTEXT).amount.toFixed()).toBe("0.015");
  });

  it("bills nothing for zero usage", () => {
    expect(packagePrice.rate(requests, d(0), NO_CONTEXT).amount.toFixed()).toBe("0");
  });

  it("rates 10^15 requests exactly", () => {
    // 10^15 ÷ 10^4 = 10^11 packages × 0.0075 = 750,000,000
    expect(packagePrice.rate(requests, d("1000000000000000"), NO_CONTEXT).amount.toFixed()).toBe("750000000");
  });
});

describe("flat price", () => {
  it("charges its amount whatever the quantity", () => {
    const terms = { model: "flat" as const, amount: d("500") };
    expect(flat.rate(terms, d(0), NO_CONTEXT).amount.toFixed()).toBe("500");
    expect(ratePrice(terms, d(1_000_000)).amount.toFixed()).toBe("500");
    expect(flat.usesQuantity).toBe(false);
  });
});
