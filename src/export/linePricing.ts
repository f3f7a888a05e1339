import type { InvoiceLine } from "../invoice/index.js";
import { Decimal, exactProduct, toPlainString, ZERO } from "../money/index.js";
import { raisedToMinimum } from "./raisedToMinimum.js";

const HUNDRED = new Decimal(100);

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
 * quantity (−10 × 12.00 = −120.00), so its list cost has its billed cost's sign. Any other line (tiers,
 * packages, a flat fee, a true-up, a line raised to its minimum) has no single unit price of which its
 * amount is a multiple, and FOCUS requires ListUnitPrice × PricingQuantity = ListCost exactly, so it is
 * priced as one block: quantity 1 at the line's amount (−1 at its absolute
 * value when the amount is negative: a unit price is never negative).
 * A price that holds an inclusive tax of `inclusivePercent` % is stated net of it, p × 100 / (100 + t)
 * (exact when it terminates, else to 50 significant digits, as the Tax row's list cost), and the list
 * cost is quantity × that net price, exactly: the line's BilledCost is net of the tax and the Tax row
 * carries it, so a tax-inclusive ListCost would count the tax twice (119.00 incl. 19 %: ListCost 119 +
 * the Tax row's 19 = 138 against 119 billed, a 19.00 "discount" that does not exist).
 */
export function linePricing(line: InvoiceLine, inclusivePercent: Decimal = ZERO): LinePricing {
  const net = (price: string) =>
    inclusivePercent.isZero()
      ? price
      : toPlainString(exactProduct(new Decimal(price), HUNDRED).div(HUNDRED.plus(inclusivePercent)));
  // A line raised to its minimum bills the minimum, not its quantity at its price: priced per unit, its
  // list cost (300 × 0.10 = 30) would be below what it bills (50.00), a negative saving nobody gave.
  if (line.unitPrice !== undefined && !new Decimal(line.unitPrice).isNegative() && !raisedToMinimum(line)) {
    const quantity = pricedQuantity(line, line.unitPrice);
    const unitPrice = net(line.unitPrice);
    const gross = toPlainString(exactProduct(new Decimal(quantity), new Decimal(line.unitPrice)));
    // A net unit price that does not terminate (1.00 incl. 19 %: 0.840336…) times the quantity would
    // miss the net list cost (119 × 0.840336… ≠ 100): the line is then priced as one block of it.
    if (
      exactProduct(new Decimal(unitPrice), HUNDRED.plus(inclusivePercent)).equals(
        exactProduct(new Decimal(line.unitPrice), HUNDRED),
      )
    )
      return {
        quantity,
        unit: line.unit ?? COUNT_UNIT,
        unitPrice,
        cost: toPlainString(exactProduct(new Decimal(quantity), new Decimal(unitPrice))),
      };
    return block(net(gross));
  }
  return block(net(line.amount));
}

// One block of `cost`: quantity 1 at it (−1 at its absolute value when negative).
function block(cost: string): LinePricing {
  const negative = new Decimal(cost).isNegative();
  return {
    quantity: negative ? "-1" : "1",
    unit: COUNT_UNIT,
    unitPrice: negative ? cost.slice(1) : cost,
    cost,
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
