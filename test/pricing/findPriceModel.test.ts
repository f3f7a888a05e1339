import { describe, expect, it } from "vitest";
import { findPriceModel, PRICE_MODELS, priceModelOf } from "../../src/pricing/index.js";

describe("findPriceModel", () => {
  it("finds the registered model a price as written names", () => {
    expect(findPriceModel({ model: "graduated", tiers: [] })).toBe(PRICE_MODELS.graduated);
    expect(findPriceModel({ model: "flat", amount: "5" })?.usesQuantity).toBe(false);
  });

  it("finds nothing for an unknown name, an inherited key, or a value that is not a price", () => {
    for (const price of [{ model: "toString" }, { model: "tierd" }, { model: 3 }, null, "unit", {}])
      expect(findPriceModel(price)).toBeUndefined();
  });

  it("finds nothing for a charge with no price, or a model name given as a list", () => {
    // A list ["unit"] would name the unit model if it were read as a key ("unit"): it is no name.
    for (const price of [undefined, { model: ["unit"] }]) expect(findPriceModel(price)).toBeUndefined();
  });
});

describe("priceModelOf", () => {
  it("gives the model registered under a name", () => {
    expect(priceModelOf("unit")).toBe(PRICE_MODELS.unit);
    expect(priceModelOf("grouped").model).toBe("grouped");
  });
});
