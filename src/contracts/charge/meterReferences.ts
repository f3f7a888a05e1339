import { Decimal } from "../../money/index.js";
import type { ChargeTerms } from "./chargeSchema.js";

/** A `meter` a charge names, and where: its own (`["meter"]`) or one inside its price. */
export interface MeterReference {
  readonly path: PropertyKey[];
  readonly meter: string;
}

/**
 * Every `meter` reference in a charge: its own, and those inside its price (a capacity tier's limits,
 * `["price", "tiers", 0, "limits", 1, "meter"]`), in that order.
 */
export function meterReferences(charge: ChargeTerms): MeterReference[] {
  const found: MeterReference[] = [];
  if (charge.meter !== undefined) found.push({ path: ["meter"], meter: charge.meter });
  const walk = (node: unknown, path: PropertyKey[]) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        walk(child, [...path, i]);
      });
    } else if (node !== null && typeof node === "object" && !(node instanceof Decimal)) {
      for (const [key, child] of Object.entries(node)) {
        // A matrix cell's `match` holds event property values, whatever the property is called.
        if (key === "match") continue;
        if (key === "meter" && typeof child === "string") found.push({ path: [...path, key], meter: child });
        else walk(child, [...path, key]);
      }
    }
  };
  walk(charge.price, ["price"]);
  return found;
}
