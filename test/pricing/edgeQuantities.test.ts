import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import type { TermsOf } from "../../src/pricing/index.js";
import { flat, NO_CONTEXT, PRICE_MODELS, packagePrice, volume } from "../../src/pricing/index.js";

// Edge quantities for flat, package and volume prices that graduated.test.ts, volume.test.ts and
// unitPackageFlat.test.ts leave out: fractional quantities, package bounds, 10^15 for flat.
const d = (value: string | number) => new Decimal(value);

describe("flat price at edge quantities", () => {
  const fee: TermsOf<"flat"> = { model: "flat", amount: d("500") };

  it("charges its amount for zero, fractional and 10^15 quantities alike", () => {
    // a flat fee ignores usage: 500 each time
    for (const quantity of ["0", "2.5", "1000000000000000"]) {
      expect(flat.rate(fee, d(quantity), NO_CONTEXT).amount.toFixed()).toBe("500");
    }
  });
});

describe("flat price proration", () => {
  it("prorates on a partial period unless its terms say prorate: false", () => {
    // the default and prorate: true prorate; only an explicit false bills the whole amount
    expect(flat.prorates({ model: "flat", amount: d("500") })).toBe(true);
    expect(flat.prorates({ model: "flat", amount: d("500"), prorate: true })).toBe(true);
    expect(flat.prorates({ model: "flat", amount: d("500"), prorate: false })).toBe(false);
  });

  it("is the only model that prorates: a usage price bills the usage of the part of the period it covers", () => {
    const others = Object.values(PRICE_MODELS).filter((model) => model.model !== "flat");
    expect(others.length).toBeGreaterThan(10);
    // every other model keeps the default, which reads no terms
    for (const model of others) expect(model.prorates(undefined as never), model.model).toBe(false);
  });
});

describe("package price at edge quantities", () => {
  const blocks: TermsOf<"package"> = { model: "package", packageSize: d(10), packagePrice: d(2) };

  it("rounds a fractional quantity up to one package, or down to none", () => {
    // 0.5 ÷ 10 = 0.05 → up: 1 package × 2 = 2; down: 0 packages = 0
    expect(packagePrice.rate(blocks, d("0.5"), NO_CONTEXT).amount.toFixed()).toBe("2");
    expect(
      packagePrice.rate({ ...blocks, partialPackage: "round_down" }, d("0.5"), NO_CONTEXT).amount.toFixed(),
    ).toBe("0");
  });

  it("rounds a partial package down to the whole packages below it, however large the part", () => {
    // 26 ÷ 10 = 2.6 → down: 2 packages × 2 = 4 (not 3, as rounding to the nearest would give)
    expect(
      packagePrice.rate({ ...blocks, partialPackage: "round_down" }, d(26), NO_CONTEXT).amount.toFixed(),
    ).toBe("4");
  });

  it("bills exactly n packages at n × size and n + 1 one unit past it", () => {
    // 20 ÷ 10 = 2 packages × 2 = 4; 21 ÷ 10 = 2.1 → 3 × 2 = 6; 20.5 → 2.05 → 3 × 2 = 6
    expect(packagePrice.rate(blocks, d(20), NO_CONTEXT).amount.toFixed()).toBe("4");
    expect(packagePrice.rate(blocks, d(21), NO_CONTEXT).amount.toFixed()).toBe("6");
    expect(packagePrice.rate(blocks, d("20.5"), NO_CONTEXT).amount.toFixed()).toBe("6");
  });

  it("divides by a fractional package size exactly", () => {
    // size 0.5: 1.2 ÷ 0.5 = 2.4 → 3 packages × 2 = 6
    expect(
      packagePrice.rate({ ...blocks, packageSize: d("0.5") }, d("1.2"), NO_CONTEXT).amount.toFixed(),
    ).toBe("6");
  });
});

describe("volume price at a fractional quantity", () => {
  const storage: TermsOf<"volume"> = {
    model: "volume",
    tiers: [{ upTo: d(1000), unitPrice: d("0.03") }, { unitPrice: d("0.02") }],
  };

  it("moves a fractional total just past the bound to the next tier for all units", () => {
    // 1,000.5 > 1,000 → tier 2: 1,000.5 × 0.02 = 20.01
    expect(volume.rate(storage, d("1000.5"), NO_CONTEXT).amount.toFixed()).toBe("20.01");
    // 999.5 ≤ 1,000 → tier 1: 999.5 × 0.03 = 29.985
    expect(volume.rate(storage, d("999.5"), NO_CONTEXT).amount.toFixed()).toBe("29.985");
  });
});
