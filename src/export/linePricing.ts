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
 * columns do not ask for). A line that gives back what that product charges (the credit for a fee's
 * unused time: 10 seats at 12.00, −40.00 for the last third of the month) is priced at the negated
 * quantity (−10 × 12.00 = −120.00), so its list cost has its billed cost's sign. Any other line (tiers, packages, a flat fee, a true-up) has no single unit
 * price of which its amount is a multiple, and FOCUS requires ListUnitPrice × PricingQuantity =
 * ListCost exactly, so it is priced as one block: quantity 1 at the line's amount (−1 at its absolute
 * value when the amount is negative: a unit price is never negative).
 */
export function linePricing(line: InvoiceLine): LinePricing {
  if (line.unitPrice !== undefined && !new Decimal(line.unitPrice).isNegative()) {
    const quantity = pricedQuantity(line, line.unitPrice);
    return {
      quantity,
      unit: line.unit ?? COUNT_UNIT,
      unitPrice: line.unitPrice,
      cost: toPlainString(exactProduct(new Decimal(quantity), new Decimal(line.unitPrice))),
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

// The line's quantity as written, negated when the line's amount and quantity × unit price have
// opposite signs: the line gives back what the product would charge (a fee's unused time).
function pricedQuantity(line: InvoiceLine, unitPrice: string): string {
  const listSign = signOf(line.quantity) * signOf(unitPrice);
  if (listSign === 0 || listSign !== -signOf(line.amount)) return line.quantity;
  return line.quantity.startsWith("-") ? line.quantity.slice(1) : `-${line.quantity}`;
}

function signOf(text: string): number {
  const value = new Decimal(text);
  return value.isZero() ? 0 : value.isNegative() ? -1 : 1;
}

/** The unit of a line's ConsumedQuantity: the line's unit, or FOCUS's count unit. */
export function consumedUnitOf(line: InvoiceLine): string {
  return line.unit ?? COUNT_UNIT;
}
