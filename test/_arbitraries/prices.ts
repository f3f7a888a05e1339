import fc from "fast-check";
import { Decimal } from "../../src/money/index.js";
import type { PriceTerms, TierTerms } from "../../src/schema/index.js";

/** A non-negative decimal with up to `scale` decimals, below 10^digits. */
export function decimalArb(options: { digits?: number; scale?: number; min?: number } = {}) {
  const { digits = 7, scale = 4, min = 0 } = options;
  return fc
    .bigInt({ min: BigInt(min) * 10n ** BigInt(scale), max: 10n ** BigInt(digits + scale) - 1n })
    .map((units) => new Decimal(units.toString()).div(new Decimal(10).pow(scale)));
}

/** A quantity: whole or fractional, including zero, up to 10^9. */
export const quantityArb = fc.oneof(
  decimalArb({ digits: 9, scale: 0 }),
  decimalArb({ digits: 6, scale: 3 }),
  fc.constant(new Decimal(0)),
);

/** A unit price, possibly sub-minor (0.0000025). */
export const unitPriceArb = fc.oneof(
  decimalArb({ digits: 2, scale: 2 }),
  decimalArb({ digits: 1, scale: 7 }),
);

/** 1–5 tiers with strictly ascending upTo and an unbounded last tier; optional flat fees. */
export function tiersArb(options: { flatFees?: boolean } = {}): fc.Arbitrary<TierTerms[]> {
  return fc
    .uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 0, maxLength: 4 })
    .chain((bounds) => {
      const sorted = [...bounds].sort((a, b) => a - b);
      const count = sorted.length + 1;
      return fc
        .tuple(
          fc.array(unitPriceArb, { minLength: count, maxLength: count }),
          fc.array(
            options.flatFees
              ? fc.option(decimalArb({ digits: 3, scale: 2 }), { nil: undefined })
              : fc.constant(undefined),
            {
              minLength: count,
              maxLength: count,
            },
          ),
        )
        .map(([prices, fees]) =>
          prices.map((unitPrice, index): TierTerms => {
            const upTo = index < sorted.length ? new Decimal(sorted[index] ?? 0) : undefined;
            const fee = fees[index];
            return {
              unitPrice,
              ...(upTo !== undefined ? { upTo } : {}),
              ...(fee !== undefined ? { flatFee: fee } : {}),
            };
          }),
        );
    });
}

/** Any price of the five models. */
export const priceArb: fc.Arbitrary<PriceTerms> = fc.oneof(
  decimalArb({ digits: 4, scale: 2 }).map((amount): PriceTerms => ({ model: "flat", amount })),
  unitPriceArb.map((unitPrice): PriceTerms => ({ model: "unit", unitPrice })),
  fc
    .record({
      packageSize: decimalArb({ digits: 5, scale: 0, min: 1 }),
      packagePrice: decimalArb({ digits: 2, scale: 4 }),
      partialPackage: fc.constantFrom("round_up" as const, "round_down" as const),
    })
    .map((terms): PriceTerms => ({ model: "package", ...terms })),
  tiersArb({ flatFees: true }).map((tiers): PriceTerms => ({ model: "graduated", tiers })),
  tiersArb({ flatFees: true }).map((tiers): PriceTerms => ({ model: "volume", tiers })),
);
