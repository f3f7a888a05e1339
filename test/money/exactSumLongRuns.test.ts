import { describe, expect, it } from "vitest";
import { ExactSum } from "../../src/money/index.js";

// Sums long enough to push ExactSum's float accumulators past 2^53. Under 1 s normally, but over a
// minute under Stryker's instrumentation, so vitest.stryker.config.ts leaves this file out
// (docs/testing-mutation.md lists the mutant it kills).
describe("ExactSum: millions of additions", () => {
  it("adds 9,100,000 × 0.999999999 exactly, though the decimals alone pass 2^53 units of 10^-9", () => {
    // The whole parts stay 0, so only the fraction accumulator grows: 9.1 × 10^6 × 999,999,999 ≈ 9.1 × 10^15
    // units of 10^-9, beyond 2^53 ≈ 9.007 × 10^15, where a float64 stops holding every integer.
    // 9,100,000 × (1 − 10^-9) = 9,100,000 − 0.0091 = 9,099,999.9909
    const sum = new ExactSum();
    for (let i = 0; i < 9_100_000; i += 1) sum.add("0.999999999");
    expect(sum.value().toFixed()).toBe("9099999.9909");
  });
});
