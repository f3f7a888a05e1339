import { Decimal } from "../money/index.js";
import { type ChargeTerms, type Contract, NOT_MONEY, type PriceTerms } from "../schema/index.js";
import type { Period } from "../time/index.js";

/**
 * The charges in force at `instant`: the contract's, changed by every amendment effective by then,
 * then by every override in force (a replaced price, or every money amount of the price multiplied).
 */
export function chargesAt(contract: Contract, instant: number): ChargeTerms[] {
  let charges = [...contract.charges];
  for (const amendment of contract.amendments) {
    if (amendment.effective > instant) break;
    charges = charges.filter((charge) => !amendment.remove.includes(charge.id));
    for (const replacement of amendment.charges) {
      const at = charges.findIndex((charge) => charge.id === replacement.id);
      if (at === -1) charges.push(replacement);
      else charges[at] = replacement;
    }
  }
  for (const override of contract.overrides) {
    if (override.from > instant) continue;
    charges = charges.map((charge) => {
      if (charge.id !== override.charge) return charge;
      const price = override.price ?? (scaleMoney(charge.price, override.multiplier!) as PriceTerms);
      return { ...charge, price };
    });
  }
  return charges;
}

// Multiplies the money amounts of a price (unit prices, fees, minimums), leaving quantities, rates and
// bounds as they are; a multiplier follows the list price, as Metronome's multiplier overrides.
function scaleMoney(node: unknown, multiplier: Decimal, key = ""): unknown {
  if (node instanceof Decimal) return NOT_MONEY.has(key) ? node : node.times(multiplier);
  if (Array.isArray(node)) return node.map((child) => scaleMoney(child, multiplier, key));
  if (node !== null && typeof node === "object") {
    if (NOT_MONEY.has(key)) return node;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, scaleMoney(v, multiplier, k)]));
  }
  return node;
}

/** The pieces of `period` between the amendments that take effect inside it (one piece when none does). */
export function segmentsOf(contract: Contract, period: Period): Period[] {
  const cuts = [
    ...new Set([
      ...contract.amendments.map((amendment) => amendment.effective),
      ...contract.overrides.map((override) => override.from),
    ]),
  ]
    .filter((instant) => instant > period.start && instant < period.end)
    .sort((a, b) => a - b);
  const bounds = [period.start, ...cuts, period.end];
  return bounds.slice(0, -1).map((start, index) => ({ start, end: bounds[index + 1]! }));
}

/** A text equal for two charges exactly when their terms are the same (decimals write their value). */
export function chargeKey(charge: ChargeTerms): string {
  return JSON.stringify(charge);
}

/** Every charge the contract or its amendments define (for what the meters must compute). */
export function allCharges(contract: Contract): ChargeTerms[] {
  return [...contract.charges, ...contract.amendments.flatMap((amendment) => amendment.charges)];
}
