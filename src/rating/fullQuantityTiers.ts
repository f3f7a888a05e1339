import type { Computation } from "../meters/index.js";
import { Decimal, toPlainString, ZERO } from "../money/index.js";
import type { FullQuantityTiersStep } from "../schema/index.js";

/** The quantity a prorated meter read before proration, when the charge asks its tiers to be picked by it. */
export function fullQuantityOf(
  tiersBy: "quantity" | "full_quantity" | undefined,
  computation: Computation | undefined,
): Decimal | undefined {
  if (tiersBy !== "full_quantity" || computation?.kind !== "persistent") return undefined;
  return computation.prorated === undefined ? undefined : new Decimal(computation.prorated.full);
}

/**
 * Lago's prorated volume and graduated charges: the tiers are reached by the full quantity, and the
 * prorated quantity is priced. `steps` priced `full`; their tier flat fees stay whole (a tier reached
 * is reached for the period), and every other amount is scaled by `quantity` ÷ `full`. Volume tiers
 * up to 5 at $10 (flat $100), then $5 (flat $50); 8 seats, 4.3871 of them after proration: the tier
 * of 8 is the second, 4.3871 × $5 + $50 = $71.9355 (the prorated quantity alone would reach the first).
 * A full quantity of 0 (every unit removed before the period ended) reaches the first tier only, so the
 * prorated units are priced at its unit price, the one its tier step shows: the scaled amount's limit
 * as the full quantity falls to 0, and Lago's volume charge (prorated units × the price of the tier the
 * full units reach). 8 units held March 1–14: 3.61291 × $10 + $100 = $136.1291, where scaling by ÷ 0
 * would leave the units unbilled.
 */
export function priceAtFullQuantityTiers(
  priced: {
    readonly amount: Decimal;
    readonly steps: ReadonlyArray<{
      readonly kind: string;
      readonly amount?: string;
      readonly unitPrice?: string;
    }>;
  },
  quantity: Decimal,
  full: Decimal,
): { readonly amount: Decimal; readonly step: FullQuantityTiersStep } {
  const flatFees = priced.steps
    .filter((step) => step.kind === "tier_flat_fee")
    .reduce((sum, step) => sum.plus(step.amount ?? "0"), ZERO);
  const perUnit = priced.amount.minus(flatFees);
  const firstTierPrice = full.isZero() ? firstUnitPrice(priced.steps) : undefined;
  // Multiply before dividing: the one division is the only inexact operation.
  const amount =
    firstTierPrice === undefined
      ? flatFees.plus(perUnit.times(quantity).div(full))
      : flatFees.plus(firstTierPrice.times(quantity));
  return {
    amount,
    step: {
      kind: "full_quantity_tiers",
      full: toPlainString(full),
      quantity: toPlainString(quantity),
      before: toPlainString(priced.amount),
      flatFees: toPlainString(flatFees),
      ...(firstTierPrice === undefined ? {} : { unitPrice: toPlainString(firstTierPrice) }),
      amount: toPlainString(amount),
    },
  };
}

// The price of the first unit: the unit price of the tier a quantity of 0 reaches, or of a unit price
// (an override may replace the tiers with one), which are the price steps that carry a unitPrice; 0
// when none does.
function firstUnitPrice(steps: ReadonlyArray<{ readonly unitPrice?: string }>): Decimal {
  const step = steps.find((candidate) => candidate.unitPrice !== undefined);
  return step?.unitPrice === undefined ? ZERO : new Decimal(step.unitPrice);
}
