import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import {
  capacity,
  explainPriceStep,
  packagePrice,
  percentage,
  priceSchema,
  ratePrice,
  unit,
} from "../../src/pricing/index.js";
import type { StepContext, StepData } from "../../src/schema/index.js";
import { PLAIN_WORDS } from "../_laws/explainedStepLaws.js";

// The sentences a model writes for its steps, in the branches the rated examples of test/explain do not
// reach: each clause that depends on a step's numbers appears exactly when they call for it.
// PLAIN_WORDS marks each formatter: money "$x", price "@x", units "x units", count "n noun(s)",
// percent "r as a rate".
const context = (step: StepData): StepContext => ({ words: PLAIN_WORDS, steps: [step] });

describe("a package step's sentence", () => {
  const step = {
    kind: "package",
    quantity: "25",
    packageSize: "10",
    packages: "3",
    packagePrice: "2",
    amount: "6",
  } as const;

  it("says which way a partial package was rounded", () => {
    // 25 ÷ 10 = 2.5 → up: 3 packages × 2 = 6; down: 2 packages × 2 = 4
    const up = { ...step, partialPackage: "round_up" } as const;
    expect(packagePrice.explainStep(up, context(up))).toBe(
      "25 units in packages of 10 = 3 package(s) (a partial package rounded up) at @2 = $6.",
    );
    const down = { ...step, partialPackage: "round_down", packages: "2", amount: "4" } as const;
    expect(packagePrice.explainStep(down, context(down))).toBe(
      "25 units in packages of 10 = 2 package(s) (a partial package rounded down) at @2 = $4.",
    );
  });
});

describe("a percentage step's sentence", () => {
  const step = { kind: "percentage", rate: "2.9", events: 5, total: "100", amount: "2.61" } as const;
  const sentence = (fields: { refunds: number; freeEvents: number; free: string }) => {
    const full = { ...step, ...fields };
    return percentage.explainStep(full, context(full));
  };

  it("mentions no allowance and no refund when there are none", () => {
    // 2.9 % of 100 − 0 free; 5 transactions, none refunded
    expect(sentence({ refunds: 0, freeEvents: 0, free: "0" })).toBe(
      "2.9 as a rate of $100 = $2.61, on 5 transaction(s) worth $100.",
    );
  });

  it("names a free amount alone, free transactions alone, or both", () => {
    // charged on 100 − 10 = 90
    expect(sentence({ refunds: 0, freeEvents: 0, free: "10" })).toBe(
      "2.9 as a rate of $90 = $2.61, on 5 transaction(s) worth $100 ($10 free).",
    );
    // two transactions entirely free, and no amount beyond them
    expect(sentence({ refunds: 0, freeEvents: 2, free: "0" })).toBe(
      "2.9 as a rate of $100 = $2.61, on 5 transaction(s) worth $100 ($0 free, 2 transaction(s) entirely free).",
    );
    expect(sentence({ refunds: 0, freeEvents: 1, free: "10" })).toBe(
      "2.9 as a rate of $90 = $2.61, on 5 transaction(s) worth $100 ($10 free, 1 transaction(s) entirely free).",
    );
  });

  it("counts refunds apart: charged transactions are the events less the refunds", () => {
    // 5 events, 2 of them refunds: 5 − 2 = 3 transactions charged
    expect(sentence({ refunds: 2, freeEvents: 0, free: "0" })).toBe(
      "2.9 as a rate of $100 = $2.61, on 3 transaction(s) worth $100; 2 refund(s) not charged.",
    );
  });
});

describe("a capacity step's sentence", () => {
  it("lists the limits that hold, and leaves the parentheses out when the tier has none", () => {
    const limited = {
      kind: "capacity" as const,
      tier: 2,
      limits: [
        { meter: "storage", quantity: "120", max: "1000" },
        { meter: "requests", quantity: "500000", max: "10000000" },
      ],
      amount: "150",
    };
    expect(capacity.explainStep(limited, context(limited))).toBe(
      "Capacity tier 2, the lowest whose limits hold (storage 120 ≤ 1000, requests 500000 ≤ 10000000): $150.",
    );
    const unlimited = { kind: "capacity" as const, tier: 3, limits: [], amount: "400" };
    expect(capacity.explainStep(unlimited, context(unlimited))).toBe(
      "Capacity tier 3, the lowest whose limits hold: $400.",
    );
  });
});

describe("a tier step, which several models write", () => {
  // Rates a price given as JSON and explains each of its steps as the line's model does.
  const explained = (price: unknown, quantity: string) => {
    const terms = priceSchema.parse(price);
    const { steps } = ratePrice(terms, new Decimal(quantity));
    return steps.map((step) => explainPriceStep(step, { words: PLAIN_WORDS, steps, model: terms.model }));
  };
  const tiers = [{ upTo: "1000", unitPrice: "0.03" }, { unitPrice: "0.02" }];

  it("reads as a volume tier on a volume line: every unit at the one tier reached", () => {
    // 1,500 units reach tier 2 (over 1,000): all 1,500 × 0.02 = 30
    expect(explained({ model: "volume", tiers }, "1500")).toEqual([
      "All 1500 units at the tier 2 price (over 1000 units) of @0.02 = $30.",
    ]);
  });

  it("reads as graduated tiers on a graduated line: one sentence at the first tier", () => {
    // 1,000 × 0.03 = 30; 500 × 0.02 = 10
    expect(explained({ model: "graduated", tiers }, "1500")).toEqual([
      "First 1000 units at @0.03 = $30; remaining 500 units at @0.02 = $10.",
      undefined,
    ]);
  });

  it("reads as tiers of money at a rate on a graduated percentage line", () => {
    // 10,000 at 2 % = 200; 5,000 at 1.5 % = 75. The step holds a rate as a fraction (2 % = 0.02), which
    // the real words.percent writes back as "2%"; PLAIN_WORDS shows the fraction as it is.
    const price = {
      model: "graduated_percentage",
      tiers: [{ upTo: "10000", percent: "2" }, { percent: "1.5" }],
    };
    expect(explained(price, "15000")).toEqual([
      "First $10000 at 0.02 as a rate = $200; remaining $5000 at 0.015 as a rate = $75.",
      undefined,
    ]);
  });

  it("says all of it is in the one tier a graduated percentage reached, its bound in money", () => {
    // 5,000 at 2 % = 100, all below tier 1's bound of 10,000
    const price = {
      model: "graduated_percentage",
      tiers: [{ upTo: "10000", percent: "2" }, { percent: "1.5" }],
    };
    expect(explained(price, "5000")[0]).toBe("All $5000 in tier 1 (up to $10000) at 0.02 as a rate = $100.");
  });
});

describe("a unit step's sentence", () => {
  // 2,000 units at 0.0003 a unit = 0.6, with the quoted price and its count added by each test.
  const sentence = (quoted: { quotedPrice?: string; per?: string }) => {
    const step = { kind: "unit" as const, quantity: "2000", unitPrice: "0.0003", amount: "0.6", ...quoted };
    return unit.explainStep(step, context(step));
  };

  it("writes a quoted price per a count below a million in full: no short form to give", () => {
    // $0.30 per 1,000 requests: 2,000 × 0.30 ÷ 1,000 = 0.6; 1,000 has no M, B or T form
    expect(sentence({ quotedPrice: "0.3", per: "1000" })).toBe("2000 units at $0.3 per 1000 units = $0.6.");
  });

  it("falls back to the unit price when a step read back has only one of quotedPrice and per", () => {
    // The step schema takes each alone (both optional); ratecard writes both or neither, but an invoice
    // read back may have lost one, and "per undefined" or "$undefined" must never be written.
    expect(sentence({ quotedPrice: "0.3" })).toBe("2000 units at @0.0003 = $0.6.");
    expect(sentence({ per: "1000" })).toBe("2000 units at @0.0003 = $0.6.");
  });
});
