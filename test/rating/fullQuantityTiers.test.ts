import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import { fullQuantityOf, priceAtFullQuantityTiers } from "../../src/rating/fullQuantityTiers.js";

describe("fullQuantityOf", () => {
  it("reads the full quantity of a prorated persistent meter", () => {
    const computation = {
      kind: "persistent" as const,
      carriedIn: "0",
      inPeriod: "8",
      carriedOut: "8",
      prorated: { full: "8", unitDays: "136", periodDays: 31 },
    };
    expect(fullQuantityOf("full_quantity", computation)?.toFixed()).toBe("8");
  });

  it("has none without a meter's record, or for a persistent meter that is not prorated", () => {
    // A contract quantity has no record; a persistent meter without proration has no full quantity.
    expect(fullQuantityOf("full_quantity", undefined)).toBeUndefined();
    const notProrated = { kind: "persistent" as const, carriedIn: "0", inPeriod: "8", carriedOut: "8" };
    expect(fullQuantityOf("full_quantity", notProrated)).toBeUndefined();
  });
});

describe("priceAtFullQuantityTiers", () => {
  it("counts a tier flat fee step without an amount as no fee", () => {
    // flat fees 0; $40 priced at the full 2, quantity 1: 0 + 40 × 1 ÷ 2 = $20
    const priced = { amount: new Decimal(40), steps: [{ kind: "tier_flat_fee" }] };
    const result = priceAtFullQuantityTiers(priced, new Decimal(1), new Decimal(2));
    expect(result.amount.toFixed()).toBe("20");
    expect(result.step.flatFees).toBe("0");
  });
});
