import { describe, expect, it } from "vitest";
import { Decimal, dividesExactly } from "../../src/money/index.js";

// A quotient by d always ends when d's digits, as a whole number, have no prime factor but 2 and 5.
describe("dividesExactly", () => {
  it.each([
    ["1000", "1 ÷ 1,000 = 0.001"],
    ["1e9", "10^9 = 2^9 × 5^9"],
    ["1024", "2^10: 1 ÷ 1,024 = 0.0009765625"],
    ["0.5", "1 ÷ 0.5 = 2"],
    ["2.5", "digits 25 = 5^2: 1 ÷ 2.5 = 0.4"],
    ["1", "1"],
  ])("divides exactly by %s (%s)", (divisor) => {
    expect(dividesExactly(new Decimal(divisor))).toBe(true);
  });

  it.each([
    ["3", "1 ÷ 3 = 0.333…"],
    ["30", "3 × 10"],
    ["60", "3 × 20"],
    ["3600", "3^2 × 400: 1,200 ÷ 3,600 = 0.333…"],
    ["0.3", "digits 3"],
    ["7", "a prime other than 2 and 5"],
  ])("does not divide exactly by %s (%s)", (divisor) => {
    expect(dividesExactly(new Decimal(divisor))).toBe(false);
  });

  it("refuses zero, which divides nothing", () => {
    expect(dividesExactly(new Decimal(0))).toBe(false);
  });
});
