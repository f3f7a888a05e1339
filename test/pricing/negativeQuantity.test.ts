import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/index.js";
import { Decimal } from "../../src/money/index.js";
import { type PriceInput, priceSchema, ratePrice } from "../../src/pricing/index.js";
import { thrown } from "../_support/thrown.js";

// More corrections than usage leave a negative total. Tiered and package prices have no tier for it,
// so they refuse it, and the sentence names the price model and the quantity so a specialist knows
// which charge to look at and what to check.
const PRICES: ReadonlyArray<readonly [string, PriceInput]> = [
  ["graduated", { model: "graduated", tiers: [{ upTo: "10", unitPrice: "1" }, { unitPrice: "0.5" }] }],
  ["volume", { model: "volume", tiers: [{ upTo: "10", unitPrice: "1" }, { unitPrice: "0.5" }] }],
  ["package", { model: "package", packageSize: "10", packagePrice: "2" }],
  ["threshold", { model: "threshold", bands: [{ upTo: "10", amount: "49" }, { amount: "199" }] }],
  [
    "tiered package",
    {
      model: "tiered_package",
      mode: "graduated",
      tiers: [
        { upTo: "100", packageSize: "10", packagePrice: "5" },
        { packageSize: "50", packagePrice: "20" },
      ],
    },
  ],
  [
    "tiered with minimum",
    {
      model: "tiered_with_minimum",
      tiers: [
        { upTo: "10", unitPrice: "1", minimum: "5" },
        { unitPrice: "0.5", minimum: "15" },
      ],
    },
  ],
  [
    "graduated percentage",
    { model: "graduated_percentage", tiers: [{ upTo: "10000", percent: "2" }, { percent: "1.5" }] },
  ],
];

describe("a negative quantity", () => {
  it.each(PRICES)("is refused by a %s price, which names itself and the quantity", (name, price) => {
    const error = thrown(() => ratePrice(priceSchema.parse(price), new Decimal("-2.5")));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      code: "negative_quantity",
      message: `A ${name} price cannot rate the negative quantity -2.5; check the usage for corrections that exceed it.`,
    });
  });

  it.each(PRICES)("is not a negative zero: a %s price rates -0 as it rates 0", (_name, price) => {
    // An event valued "-0" is no correction; decimal.js keeps the sign (isNegative() is true).
    const parsed = priceSchema.parse(price);
    expect(ratePrice(parsed, new Decimal("-0")).amount.toFixed()).toBe(
      ratePrice(parsed, new Decimal("0")).amount.toFixed(),
    );
  });
});
