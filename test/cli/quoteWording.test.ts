import { beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// `ratecard quote` prices one quantity with one price: the user wrote no contract, no charge and no
// meter, so its messages name the quote and the flag, never "Charge quote" or "the meter".
beforeAll(assertCliBuilt);
const unit = JSON.stringify({ model: "unit", unitPrice: "1" });

describe("ratecard quote words its messages for a quote", () => {
  it("warns of a quote below zero as a quote, not as a charge to declare a credit", () => {
    const result = runCli("quote", "--price", unit, "--quantity", "-5");
    expect(result.code).toBe(0);
    // −5 × 1.00 = −5.00, quoted as 0.00 (a quote never goes below zero).
    expect(result.stdout).toContain("Line total $0.00.");
    expect(result.stderr).toBe(
      "ratecard: warning: the quote came to -5.00 USD; it is quoted as 0 because a price quoted on its own never bills below zero (a contract charge declared a credit can).\n",
    );
  });

  it("names the quantity typed, not events read", () => {
    // 250 × 1.00 = 250.00; three values 100 + 20 + 5 = 125 × 1.00 = 125.00. Before: "Quote: 250 from 1 event."
    expect(runCli("quote", "--price", unit, "--quantity", "250").stdout).toBe(
      "Quote: 250. 250 at $1.0000 = $250.00. Line total $250.00.\n",
    );
    const percent = JSON.stringify({ model: "percentage", percent: "2" });
    // 2 % of 125 = 2.50.
    expect(runCli("quote", "--price", percent, "--values", "100,20,5").stdout).toMatch(
      /^Quote: 125 from 3 values\. .*Line total \$2\.50\.\n$/,
    );
  });

  it("refuses a negative price without sending the reader to declare a charge a credit", () => {
    // A quote has no charge and no "credit" field: the sentence says so and where a credit is rated.
    // The price is named as written, "-2.50", not as the number it is (-2.5).
    const tiers = { model: "graduated", tiers: [{ upTo: "10", unitPrice: "1" }, { unitPrice: "-2.50" }] };
    const result = runCli("quote", "--price", JSON.stringify(tiers), "--quantity", "3");
    expect([result.code, result.stdout]).toEqual([2, ""]);
    expect(result.stderr).toBe(
      'ratecard: price.tiers[1].unitPrice is -2.50; ratecard quote prices zero or more. A credit line is rated from a contract whose charge is declared a credit ("credit": true): ratecard invoice.\n',
    );
  });

  it("refuses a quantity out of range as a quantity that cannot be quoted, without a meter", () => {
    // 1e20 is 10^20, above 10^15; 0.0000000001 has 10 decimals, more than 9.
    for (const quantity of ["1e20", "0.0000000001"]) {
      const result = runCli("quote", "--price", unit, "--quantity", quantity);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `ratecard: --quantity is "${quantity}", which cannot be quoted: a quantity must be less than 10^15 in size, with at most 9 decimals; nothing is quoted rather than a wrong amount.\n`,
      );
      expect(result.stderr).not.toContain("meter");
    }
  });
});
