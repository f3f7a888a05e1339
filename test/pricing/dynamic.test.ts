import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import type { TermsOf } from "../../src/pricing/index.js";
import { dynamic, NO_CONTEXT } from "../../src/pricing/index.js";

const d = (value: string | number) => new Decimal(value);
const markup: TermsOf<"dynamic"> = { model: "dynamic", multiplier: d("1.2") };
const atCost: TermsOf<"dynamic"> = { model: "dynamic" };
const rate = (terms: TermsOf<"dynamic">, quantity: string | number) =>
  dynamic.rate(terms, d(quantity), NO_CONTEXT);

describe("dynamic price", () => {
  it("charges the summed event amounts times the multiplier", () => {
    // AI calls costing 0.70 + 0.55 + 2.20 = 3.45, × 1.2 = 4.14
    const result = rate(markup, "3.45");
    expect(result.amount.toFixed()).toBe("4.14");
    expect(result.priceKind).toBe("dynamic");
    expect(result.unitPrice).toBeUndefined();
    expect(result.steps).toEqual([
      { kind: "dynamic", eventAmounts: "3.45", multiplier: "1.2", amount: "4.14" },
    ]);
  });

  it("uses a multiplier of 1 when none is given", () => {
    // 3.45 × 1 = 3.45
    const result = rate(atCost, "3.45");
    expect(result.amount.toFixed()).toBe("3.45");
    expect(result.steps[0]).toMatchObject({ multiplier: "1" });
  });

  it("charges nothing when no amounts were reported", () => {
    // 0 × 1.2 = 0
    expect(rate(markup, 0).amount.toFixed()).toBe("0");
  });

  it("keeps a sub-minor amount exact", () => {
    // 0.0001 × 1.2 = 0.00012
    expect(rate(markup, "0.0001").amount.toFixed()).toBe("0.00012");
  });

  it("rates 10^15 exactly", () => {
    // 10^15 × 1.2 = 1,200,000,000,000,000
    expect(rate(markup, "1000000000000000").amount.toFixed()).toBe("1200000000000000");
  });
});
