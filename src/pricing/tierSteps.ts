import { type Decimal, toPlainString, ZERO } from "../money/index.js";
import type { PriceStep } from "../schema/index.js";
import type { RatedAmount } from "./priceModel.js";
import type { ReachedTier } from "./tierWalk.js";

/** A priced step and its exact amount, kept as a Decimal so callers never re-parse the text. */
export interface PricedStep {
  readonly step: PriceStep;
  readonly amount: Decimal;
}

// The text of a contract's constant decimals (tier bounds, unit prices) is computed once per decimal:
// rating a million quantities against the same tiers must not re-format the same bounds a million times.
const constantText = new WeakMap<Decimal, string>();

/** `toPlainString` for decimals that come from contract terms, memoised per instance. */
export function termText(value: Decimal): string {
  let text = constantText.get(value);
  if (text === undefined) {
    text = toPlainString(value);
    constantText.set(value, text);
  }
  return text;
}

type TierMode = "graduated" | "volume" | "graduated_percentage" | "tiered_with_minimum";

/** The step for the units of a reached tier priced at `unitPrice` each (a rate, for percentages). */
export function tierStep(
  mode: TierMode,
  reached: ReachedTier<{ readonly upTo?: Decimal | null | undefined }>,
  unitPrice: Decimal,
): PricedStep {
  const amount = reached.inTier.times(unitPrice);
  const upTo = reached.tier.upTo ?? undefined;
  return {
    amount,
    step: {
      kind: "tier",
      mode,
      tier: reached.index + 1,
      from: termText(reached.from),
      upTo: upTo === undefined ? null : termText(upTo),
      quantity: toPlainString(reached.inTier),
      unitPrice: termText(unitPrice),
      amount: toPlainString(amount),
    },
  };
}

/**
 * The flat fee of a reached tier, if it has one. At zero usage the fee is billed only when
 * `flatFeeAtZeroUsage` is not false (the default follows Stripe and OpenMeter: billed; Lago bills nothing).
 */
export function tierFlatFeeStep(
  index: number,
  fee: Decimal | undefined,
  quantity: Decimal,
  flatFeeAtZeroUsage: boolean | undefined,
): PricedStep | undefined {
  if (fee === undefined || fee.isZero()) return undefined;
  if (quantity.isZero() && flatFeeAtZeroUsage === false) return undefined;
  return {
    amount: fee,
    step: {
      kind: "tier_flat_fee",
      tier: index + 1,
      zeroUsage: quantity.isZero(),
      amount: toPlainString(fee),
    },
  };
}

/** The rated amount of a list of priced steps: their exact sum, and the steps in order. */
export function resultOf(priced: ReadonlyArray<PricedStep | undefined>): RatedAmount {
  // A plain loop: this runs once per rating, on the hot path of batch rating.
  let amount: Decimal | undefined;
  const steps: PriceStep[] = [];
  for (const entry of priced) {
    if (entry === undefined) continue;
    amount = amount === undefined ? entry.amount : amount.plus(entry.amount);
    steps.push(entry.step);
  }
  return { amount: amount ?? ZERO, steps };
}
