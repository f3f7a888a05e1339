import { Decimal } from "../../money/index.js";

/** Fields of a price that hold quantities, rates or bounds rather than money (not scaled, not sign-checked as prices). */
export const NOT_MONEY: ReadonlySet<string> = new Set([
  "upTo",
  "packageSize",
  "percent",
  "basisPoints",
  "freeAmount",
  "max",
  "match",
  "per",
]);

/**
 * Every decimal inside a price, with its path: the money amounts a sign check looks at. Quantities,
 * rates and bounds have their own sign checks where they are declared; only money amounts (prices,
 * fees, minimums) are left for the credit rule.
 */
export function decimalsIn(node: unknown, path: PropertyKey[]): { path: PropertyKey[]; value: Decimal }[] {
  if (node instanceof Decimal) return [{ path, value: node }];
  if (Array.isArray(node)) return node.flatMap((child, i) => decimalsIn(child, [...path, i]));
  if (node !== null && typeof node === "object")
    return Object.entries(node).flatMap(([key, child]) =>
      NOT_MONEY.has(key) ? [] : decimalsIn(child, [...path, key]),
    );
  return [];
}
