import { describe, expect, it } from "vitest";
import { findPriceModel, PRICE_MODELS } from "../../src/pricing/index.js";

describe("findPriceModel", () => {
  it("finds the registered model a price as written names", () => {
    expect(findPriceModel({ model: "graduated", tiers: [] })).toBe(PRICE_MODELS.graduated);
    expect(findPriceModel({ model: "flat", amount: "5" })?.usesQuantity).toBe(false);
  });

  it("finds nothing for an unknown name, an inherited key, or a value that is not a price", () => {
    for (const price of [{ model: "toString" }, { model: "tierd" }, { model: 3 }, null, "unit", {}])
      expect(findPriceModel(price)).toBeUndefined();
  });
});
