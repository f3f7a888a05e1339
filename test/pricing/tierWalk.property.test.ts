import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, ZERO } from "../../src/money/index.js";
import { graduatedTiers } from "../../src/pricing/index.js";

// The walk as it was written before issue 14's shortcut: Decimal.min for each tier's share, the bound
// compared again to stop. The shortcut must give the same tiers, bounds and shares, digit for digit.
function referenceWalk(tiers: ReadonlyArray<{ readonly upTo?: Decimal }>, quantity: Decimal) {
  const reached: { index: number; from: string; inTier: string }[] = [];
  let from: Decimal = ZERO;
  for (const [index, tier] of tiers.entries()) {
    const upTo = tier.upTo;
    const inTier = (upTo === undefined ? quantity : Decimal.min(quantity, upTo)).minus(from);
    if (inTier.greaterThan(0) || (index === 0 && quantity.isZero()))
      reached.push({ index, from: from.toFixed(), inTier: inTier.toFixed() });
    if (upTo === undefined || quantity.lessThanOrEqualTo(upTo)) break;
    from = upTo;
  }
  return reached;
}

// Quantities with few digits, on tier bounds, and with more significant digits than Decimal's 50 (an
// exact sum can carry more: money/decimal.ts, addExactly), where Decimal.min rounds.
const digitsArb = fc.stringMatching(/^[1-9][0-9]{0,59}$/);
const quantityArb = fc.oneof(
  fc.integer({ min: 0, max: 200 }).map((units) => new Decimal(units)),
  fc
    .tuple(digitsArb, fc.integer({ min: 0, max: 60 }))
    .map(
      ([digits, scale]) =>
        new Decimal(`${digits.slice(0, Math.max(1, digits.length - scale))}.${digits.slice(-scale) || "0"}`),
    ),
);
const tiersArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 150 }), { minLength: 0, maxLength: 4 })
  .map((bounds) => [...[...bounds].sort((a, b) => a - b).map((upTo) => ({ upTo: new Decimal(upTo) })), {}]);

describe("graduatedTiers (laws)", () => {
  it("reaches the tiers Decimal.min reaches, with the same shares, whatever the quantity's digits", () => {
    fc.assert(
      fc.property(tiersArb, quantityArb, (tiers, quantity) => {
        const walked = graduatedTiers(tiers, quantity).map((tier) => ({
          index: tier.index,
          from: tier.from.toFixed(),
          inTier: tier.inTier.toFixed(),
        }));
        expect(walked).toEqual(referenceWalk(tiers, quantity));
      }),
    );
  });
});
