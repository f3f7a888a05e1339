import { NOT_MONEY } from "../contracts/index.js";
import { Decimal } from "../money/index.js";

/**
 * Multiplies the money amounts of a price (unit prices, fees, minimums) by `multiplier`, leaving
 * quantities, rates and bounds (the {@link NOT_MONEY} fields) as they are: a multiplier follows the list
 * price, as Metronome's multiplier overrides. Tiers 0.08 / 0.06 up to 10,000 / 50,000 × 0.8 give
 * 0.064 / 0.048 up to the same bounds.
 */
export function scaleMoney<T>(price: T, multiplier: Decimal): T {
  return scaleNode(price, multiplier, "") as T;
}

function scaleNode(node: unknown, multiplier: Decimal, key: string): unknown {
  if (node instanceof Decimal) return NOT_MONEY.has(key) ? node : node.times(multiplier);
  if (Array.isArray(node)) return node.map((child) => scaleNode(child, multiplier, key));
  if (node !== null && typeof node === "object") {
    if (NOT_MONEY.has(key)) return node;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, scaleNode(v, multiplier, k)]));
  }
  return node;
}
