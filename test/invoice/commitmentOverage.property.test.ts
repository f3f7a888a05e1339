import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract, COMPUTE_AND_STORAGE, computeAndStorageUsage } from "../_support/contract.js";

const cents = fc.integer({ min: 0, max: 2_000_000 }).map((n) => (n / 100).toFixed(2));
// A factor above 1 with up to four decimals: 1.0001 … 3.0000.
const factorArb = fc.integer({ min: 10_001, max: 30_000 }).map((n) => (n / 10_000).toFixed(4));

function contractOf(commitment: Record<string, string>) {
  return buildContract(COMPUTE_AND_STORAGE, { commitments: [{ id: "c", name: "C", ...commitment }] });
}
const usage = computeAndStorageUsage;
// round((s − m)(f − 1)) to cents, half-even (the contract's default mode), worked out here on its own.
const overageOf = (spend: Decimal, minimum: Decimal, factor: string) =>
  spend.minus(minimum).times(new Decimal(factor).minus(1)).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);

describe("commitment overage laws", () => {
  it("with spend s ≥ minimum m and factor f, the total before tax is s + round((s − m)(f − 1))", () => {
    fc.assert(
      fc.property(cents, cents, fc.integer({ min: 0, max: 1_000_000 }), factorArb, (a, b, share, factor) => {
        const spend = new Decimal(a).plus(b);
        // a minimum from 0.01 up to the spend (share in millionths of it), in whole cents
        const minimum = Decimal.max(
          new Decimal("0.01"),
          spend.times(share).div(1_000_000).toDecimalPlaces(2, Decimal.ROUND_DOWN),
        );
        fc.pre(spend.greaterThanOrEqualTo(minimum));
        const invoice = rateInvoice(
          contractOf({ minimum: minimum.toFixed(2), overageFactor: factor }),
          usage(a, b),
          "2026-03",
        );
        expect(new Decimal(invoice.total).equals(spend.plus(overageOf(spend, minimum, factor)))).toBe(true);
      }),
    );
  });

  it("with a maximum M too, the total is min(M, s + overage), and never below the minimum", () => {
    fc.assert(
      fc.property(
        cents,
        cents,
        fc.integer({ min: 1, max: 30_000 }),
        fc.integer({ min: 0, max: 30_000 }),
        factorArb,
        (a, b, min, extra, factor) => {
          const spend = new Decimal(a).plus(b);
          const minimum = new Decimal(min);
          const maximum = new Decimal(min + extra);
          const invoice = rateInvoice(
            contractOf({ minimum: String(min), maximum: String(min + extra), overageFactor: factor }),
            usage(a, b),
            "2026-03",
          );
          const total = new Decimal(invoice.total);
          const expected = spend.lessThan(minimum)
            ? minimum
            : Decimal.min(maximum, spend.plus(overageOf(spend, minimum, factor)));
          expect(total.equals(expected)).toBe(true);
        },
      ),
    );
  });
});
