import { describe, expect, it } from "vitest";
import { ContractError, rateInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { extendedBound, priceSchema, ratePrice } from "../../src/pricing/index.js";
import { buildContract } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// Bounded last tiers (Orb `last_unit`, Kill Bill's last tiered block with a `max`): accepted with
// `aboveLastTier` saying what a larger quantity costs. Every amount below is worked by hand.
const price = (json: unknown) => priceSchema.parse(json);
const rate = (json: unknown, quantity: string | number) => ratePrice(price(json), new Decimal(quantity));

const graduated = (aboveLastTier?: string) => ({
  model: "graduated",
  tiers: [
    { upTo: "1000", unitPrice: "0.10" },
    { upTo: "5000", unitPrice: "0.08" },
  ],
  ...(aboveLastTier === undefined ? {} : { aboveLastTier }),
});

describe("a bounded last tier", () => {
  it("is refused without aboveLastTier, at the bound, as before", () => {
    const result = priceSchema.safeParse(graduated());
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect([issue.path.join("."), (issue as { params?: { code?: string } }).params?.code]).toEqual([
      "tiers.1.upTo",
      "last_tier_must_be_unbounded",
    ]);
  });

  it("prices a quantity within the bounds as the same tiers unbounded would (graduated)", () => {
    // 4,000: 1,000 × 0.10 + 3,000 × 0.08 = 100 + 240 = 340, whatever lies above 5,000
    expect(rate(graduated("refuse"), 4000).amount.toFixed()).toBe("340");
    expect(rate(graduated("extend"), 4000).amount.toFixed()).toBe("340");
    // exactly the bound stays inside it (upTo is inclusive): 100 + 4,000 × 0.08 = 100 + 320 = 420
    expect(rate(graduated("refuse"), 5000).amount.toFixed()).toBe("420");
  });

  it("extends the last tier's price beyond its bound (graduated)", () => {
    // 6,000: 1,000 × 0.10 + 5,000 × 0.08 (tier 2 now holds everything above 1,000) = 100 + 400 = 500
    const result = rate(graduated("extend"), 6000);
    expect(result.amount.toFixed()).toBe("500");
    expect(result.steps.at(-1)).toMatchObject({
      kind: "tier",
      tier: 2,
      from: "1000",
      upTo: null,
      quantity: "5000",
    });
  });

  it("refuses a quantity beyond the bound, naming the quantity and the bound", () => {
    expect(thrown(() => rate(graduated("refuse"), "5000.5"))).toMatchObject({
      code: "quantity_above_last_tier",
      message: expect.stringContaining("the quantity 5000.5 is above the last tier's upTo of 5000"),
    });
  });

  it("extends a volume price: every unit at the last tier's price", () => {
    // 600 units over tiers up to 100 at 2.00, up to 500 at 1.50: above 500 → all 600 × 1.50 = 900
    const volume = {
      model: "volume",
      tiers: [
        { upTo: "100", unitPrice: "2" },
        { upTo: "500", unitPrice: "1.5", flatFee: "10" },
      ],
      aboveLastTier: "extend",
    };
    // + the reached tier's flat fee 10 = 910
    expect(rate(volume, 600).amount.toFixed()).toBe("910");
    expect(thrown(() => rate({ ...volume, aboveLastTier: "refuse" }, 600))).toMatchObject({
      code: "quantity_above_last_tier",
    });
  });

  it("extends a graduated percentage price at the last tier's percent", () => {
    // $60,000 over up to 10,000 at 2 %, up to 50,000 at 1 %:
    // 10,000 × 0.02 + 50,000 × 0.01 = 200 + 500 = 700
    const percentage = {
      model: "graduated_percentage",
      tiers: [
        { upTo: "10000", percent: "2" },
        { upTo: "50000", percent: "1" },
      ],
      aboveLastTier: "extend",
    };
    expect(rate(percentage, 60000).amount.toFixed()).toBe("700");
  });

  it("extends Kill Bill's tiered blocks in the last tier's block size (ALL_TIERS and TOP_TIER)", () => {
    // Tiers up to 1,000 in blocks of 100 at $5, then up to 2,000 in blocks of 500 at $20.
    const tiers = [
      { upTo: "1000", packageSize: "100", packagePrice: "5" },
      { upTo: "2000", packageSize: "500", packagePrice: "20" },
    ];
    const graduatedBlocks = { model: "tiered_package", mode: "graduated", tiers, aboveLastTier: "extend" };
    // 2,600 units, graduated: 1,000 ÷ 100 = 10 blocks × 5 = 50; 1,600 ÷ 500 = 3.2 → 4 blocks × 20 = 80; 130
    expect(rate(graduatedBlocks, 2600).amount.toFixed()).toBe("130");
    // volume (TOP_TIER): all 2,600 ÷ 500 = 5.2 → 6 blocks × 20 = 120
    expect(rate({ ...graduatedBlocks, mode: "volume" }, 2600).amount.toFixed()).toBe("120");
  });

  it("names the charge and the price's path when an invoice's usage goes beyond the bound", () => {
    const contract = buildContract({
      charges: [{ id: "use", name: "Use", meter: "m", price: graduated("refuse") as never }],
    });
    const events = [
      { id: "e1", type: "e", customer: "cus", timestamp: "2026-03-02T00:00:00Z", properties: { v: "6000" } },
    ];
    const error = thrown(() => rateInvoice(contract, events, "2026-03"));
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({
      code: "quantity_above_last_tier",
      path: "charges[0].price",
      message: expect.stringMatching(/^Charge use: the quantity 6000 is above the last tier's upTo of 5000/),
    });
  });
});

// extendedBound tells rating (src/rating) that a quantity went past an "extend" price's last bound, so
// the invoice says the excess was priced; it reads any price by shape. Each case is built in its test.
describe("extendedBound", () => {
  it("gives the last bound of an extend price when the quantity goes above it, and only then", () => {
    const terms = {
      tiers: [{ upTo: new Decimal(1000) }, { upTo: new Decimal(5000) }],
      aboveLastTier: "extend",
    };
    // 5,001 > 5,000: the last bound; 5,000 and 12 are within it
    expect(extendedBound(terms, new Decimal(5001))?.toFixed()).toBe("5000");
    expect(extendedBound(terms, new Decimal(5000))).toBeUndefined();
    expect(extendedBound(terms, new Decimal(12))).toBeUndefined();
    // one tier: it is the last
    const single = { tiers: [{ upTo: new Decimal(10) }], aboveLastTier: "extend" };
    expect(extendedBound(single, new Decimal(12))?.toFixed()).toBe("10");
  });

  it("gives nothing for a refusing price, an unbounded last tier, or a price without tiers", () => {
    const quantity = new Decimal(12);
    expect(
      extendedBound({ tiers: [{ upTo: new Decimal(10) }], aboveLastTier: "refuse" }, quantity),
    ).toBeUndefined();
    expect(extendedBound({ tiers: [{ upTo: new Decimal(10) }] }, quantity)).toBeUndefined();
    const unbounded = { tiers: [{ upTo: new Decimal(10) }, { upTo: null }], aboveLastTier: "extend" };
    expect(extendedBound(unbounded, quantity)).toBeUndefined();
    expect(extendedBound({ aboveLastTier: "extend" }, quantity)).toBeUndefined();
    expect(extendedBound({ tiers: [], aboveLastTier: "extend" }, quantity)).toBeUndefined();
  });
});
