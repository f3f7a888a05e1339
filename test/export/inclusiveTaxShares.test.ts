import { describe, expect, it } from "vitest";
import { inclusiveTaxShares } from "../../src/export/inclusiveTaxShares.js";
import type { InvoiceTax } from "../../src/schema/index.js";

// 10 % VAT included in the prices, one rounding for the invoice (per_invoice), in cents. Lines: z a
// minimum on no usage (base 0.00), x and y 1.05 each. Each line's exact tax: 1.05 × 10 ÷ 110 =
// 0.0954545… → 0.10 half-even; the rate's tax: 2.10 × 10 ÷ 110 = 0.190909… → 0.19. The parts add up to
// 0.20, one cent over: −0.01 is left over, and goes to x (the largest base, the first of equals), not z.
const tax = {
  mode: "inclusive",
  rounding: "per_invoice",
  rates: [
    {
      rate: "vat",
      name: "VAT",
      percent: "10",
      base: "2.10",
      amount: "0.19",
      lines: [
        { line: "z", base: "0.00", exact: "0" },
        { line: "x", base: "1.05", exact: "0.095454545454545454545" },
        { line: "y", base: "1.05", exact: "0.095454545454545454545" },
      ],
    },
  ],
  total: "0.19",
  net: "1.91",
} as unknown as InvoiceTax;

describe("inclusiveTaxShares", () => {
  it("gives the minor units left over to the line with the largest base, never to a line of 0", () => {
    // Before: z, the rate's first line, took the −0.01 and its FOCUS row billed −0.01 on 0.00; a note of
    // the whole invoice (no line of 0 on it) gave the cent to x, so Adjustment and Usage did not net to 0.
    const shares = inclusiveTaxShares(tax, 2);
    expect(Object.fromEntries([...shares].map(([line, share]) => [line, share.toFixed(2)]))).toEqual({
      z: "0.00",
      x: "0.09",
      y: "0.10",
    });
    // 0.00 + 0.09 + 0.10 = 0.19, the rate's tax
    expect([...shares.values()].reduce((sum, share) => sum.plus(share)).toFixed(2)).toBe("0.19");
  });
});
