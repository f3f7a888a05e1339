import type { InvoiceLine } from "../invoice/index.js";
import { Decimal, exactProduct, toPlainString } from "../money/index.js";

/** A line's price as FOCUS states it: PricingQuantity × ListUnitPrice = ListCost, exactly. */
export interface LinePricing {
  readonly quantity: string;
  readonly unit: string;
  readonly unitPrice: string;
  readonly cost: string;
}

// FOCUS's count unit (specification/attributes/unit_format.md) for a line that names none.
const COUNT_UNIT = "Units";

/**
 * The pricing columns of a line. A line at one unit price (it has a `unitPrice`) is priced per unit: its
 * quantity times its unit price, exactly (before proration, limits and rounding, which FOCUS's cost
 * columns do not ask for). Any other line (tiers, packages, a flat fee, a true-up) has no single unit
 * price of which its amount is a multiple, and FOCUS requires ListUnitPrice × PricingQuantity =
 * ListCost exactly, so it is priced as one block: quantity 1 at the line's amount (−1 at its absolute
 * value when the amount is negative: a unit price is never negative).
 */
export function linePricing(line: InvoiceLine): LinePricing {
  if (line.unitPrice !== undefined && !new Decimal(line.unitPrice).isNegative()) {
    return {
      quantity: line.quantity,
      unit: line.unit ?? COUNT_UNIT,
      unitPrice: line.unitPrice,
      cost: toPlainString(exactProduct(new Decimal(line.quantity), new Decimal(line.unitPrice))),
    };
  }
  const amount = new Decimal(line.amount);
  return {
    quantity: amount.isNegative() ? "-1" : "1",
    unit: COUNT_UNIT,
    unitPrice: amount.isNegative() ? line.amount.slice(1) : line.amount,
    cost: line.amount,
  };
}

/** The unit of a line's ConsumedQuantity: the line's unit, or FOCUS's count unit. */
export function consumedUnitOf(line: InvoiceLine): string {
  return line.unit ?? COUNT_UNIT;
}
