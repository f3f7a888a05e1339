import { describe, expect, it } from "vitest";
import { capacity, packagePrice, percentage } from "../../src/pricing/index.js";
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
