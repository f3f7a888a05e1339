import { type Decimal, toPlainString, ZERO } from "../money/index.js";
import { objectSlot, type StepData } from "../schema/index.js";
import type { RatedAmount } from "./priceModel.js";

/** A priced step and its exact amount, kept as a Decimal so callers never re-parse the text. */
export interface PricedStep<S extends StepData> {
  readonly step: S;
  readonly amount: Decimal;
}

// The text of a contract's constant decimals (tier bounds, unit prices) is computed once per decimal:
// rating a million quantities against the same tiers must not re-format the same bounds a million times.
// Kept on the decimal (objectSlot.ts): a WeakMap of every customer's prices was read at random.
const constantText = objectSlot<Decimal, string>("termText");

/** `toPlainString` for decimals that come from contract terms, memoised per instance. */
export function termText(value: Decimal): string {
  let text = constantText.get(value);
  if (text === undefined) {
    text = toPlainString(value);
    constantText.set(value, text);
  }
  return text;
}

/** The rated amount of a list of priced steps: their exact sum, and the steps in order. */
export function resultOf<S extends StepData>(
  priced: ReadonlyArray<PricedStep<S> | undefined>,
): RatedAmount<S> {
  // A plain loop: this runs once per rating, on the hot path of batch rating.
  let amount: Decimal | undefined;
  const steps: S[] = [];
  for (const entry of priced) {
    if (entry === undefined) continue;
    amount = amount === undefined ? entry.amount : amount.plus(entry.amount);
    steps.push(entry.step);
  }
  return { amount: amount ?? ZERO, steps };
}
