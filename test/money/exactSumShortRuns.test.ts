import { describe, expect, it } from "vitest";
import { ExactSum, parseShortDecimal, ShortDecimal } from "../../src/money/index.js";

// The fraction accumulator's carry, reached through `addShort` (the meters' entry: a value read once by
// parseShortDecimal and added as it is). exactSumLongRuns.test.ts pins the same sum through `add`, which
// parses each value again: too slow under Stryker's instrumentation, so the mutation runs leave it out.
// This one does no parsing in the loop and runs in the mutation runs of src/money
// (docs/testing-mutation.md, src/money: `Math.abs(this.fraction) > MAX_WHOLE` → `false`).
describe("ExactSum.addShort: millions of additions", () => {
  it("adds 9,100,000 × 0.999999999 exactly, though the decimals alone pass 2^53 units of 10^-9", () => {
    const value = new ShortDecimal();
    expect(parseShortDecimal("0.999999999", value)).toBe(true);
    const sum = new ExactSum();
    for (let i = 0; i < 9_100_000; i += 1) sum.addShort(value);
    // Whole parts 0, fractions 999,999,999 units of 10^-9 each: 9.1 × 10^6 × 999,999,999 ≈ 9.1 × 10^15
    // units, beyond 2^53 ≈ 9.007 × 10^15, so only moving the fraction into the exact part keeps it exact.
    // 9,100,000 × (1 − 10^-9) = 9,100,000 − 0.0091 = 9,099,999.9909
    expect(sum.value().toFixed()).toBe("9099999.9909");
  });
});
