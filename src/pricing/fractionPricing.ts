import {
  addQuotients,
  type Decimal,
  type ExactQuotient,
  fractionAbove,
  ONE,
  quotient,
  quotientValue,
  scaleQuotient,
  toPlainString,
  ZERO_QUOTIENT,
} from "../money/index.js";
import type { StepData } from "../schema/index.js";
import type { PricedStep } from "./pricedSteps.js";
import type { FractionAmount } from "./priceModel.js";
import { fractionTierStep, type TierStep, tierStep } from "./tierSteps.js";
import type { Bounded, ReachedTier } from "./tierWalk.js";

/**
 * A one-step price of the fraction n ÷ d at `price` a unit (a unit price, a dynamic multiplier): n ×
 * price ÷ d, and the model's own step with its `field` (the quantity it shows) and `amount` written as
 * that division gives them. 1/3 GB at $0.03: 1 × 0.03 ÷ 3 = $0.01.
 */
export function fractionAtPrice<S extends StepData & { readonly amount: string }>(
  fraction: ExactQuotient,
  price: Decimal,
  steps: ReadonlyArray<S>,
  field: keyof S,
): FractionAmount<S> {
  const exact = scaleQuotient(fraction, price, ONE);
  const shown = {
    [field]: toPlainString(quotientValue(fraction)),
    amount: toPlainString(quotientValue(exact)),
  };
  return { exact, steps: steps.map((step) => ({ ...step, ...shown })) };
}

/**
 * The steps of a graduated walk whose quantity is the fraction n ÷ d (a model's rateFraction), and their
 * amount as one fraction. The tiers below the last reached are whole, so only the last holds the
 * fraction: its units are n ÷ d − its start. `after` adds a step that ends after a tier's own (its flat
 * fee). 100/3 GB over tiers up to 10 at $0.09, then $0.03: 10 × 0.09 + (100 − 10 × 3) × 0.03 ÷ 3 =
 * 0.90 + 0.70 = $1.60, divided once.
 */
export function graduatedFraction<T extends Bounded, M extends string, S extends StepData = never>(
  mode: M,
  reached: ReadonlyArray<ReachedTier<T>>,
  priceOf: (tier: T) => Decimal,
  fraction: ExactQuotient,
  after: (tier: ReachedTier<T>) => PricedStep<S> | undefined = () => undefined,
): { readonly exact: ExactQuotient; readonly steps: ReadonlyArray<TierStep<M> | S> } {
  const last = reached.at(-1);
  let exact: ExactQuotient = ZERO_QUOTIENT;
  const steps: (TierStep<M> | S)[] = [];
  for (const tier of reached) {
    const price = priceOf(tier.tier);
    const held =
      tier === last
        ? fractionTierStep(mode, tier, price, fractionAbove(fraction, tier.from))
        : wholeTier(tierStep(mode, tier, price));
    exact = addQuotients(exact, held.exact);
    steps.push(held.step);
    const extra = after(tier);
    if (extra !== undefined) {
      exact = addQuotients(exact, quotient(extra.amount, ONE));
      steps.push(extra.step);
    }
  }
  return { exact, steps };
}

function wholeTier<S extends StepData>(
  priced: PricedStep<S>,
): { readonly exact: ExactQuotient; readonly step: S } {
  return { exact: quotient(priced.amount, ONE), step: priced.step };
}
