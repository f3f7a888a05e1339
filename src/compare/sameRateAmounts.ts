import { Decimal, exactProduct, toPlainString } from "../money/index.js";

/** The figures of one side of a paired line, as read. */
interface Figures {
  readonly quantity?: string | undefined;
  readonly unitPrice?: string | undefined;
  readonly amount: string;
}

/**
 * Two amounts of more than a minor unit apart for the same quantity and unit price on both sides: no
 * price changed, so the cause and sentence say what did. When the recomputed amount is quantity × unit
 * price rounded to the currency and the issued one the same product rounded to the nearest at fewer
 * decimals (Stripe
 * bills BHD, KWD, JOD, OMR and TND in multiples of 10 fils), a rounding; otherwise one amount is not the
 * product (a proration, a minimum, another step of the line). Undefined when either side lacks a
 * quantity or a unit price, or they differ.
 */
export function sameRateAmounts(
  issued: Figures,
  recomputed: Figures,
  minorUnits: number,
): { readonly cause: "rounding" | "price"; readonly sentence: string } | undefined {
  const { quantity, unitPrice } = recomputed;
  if (quantity === undefined || unitPrice === undefined) return undefined;
  if (issued.quantity === undefined || !new Decimal(issued.quantity).equals(quantity)) return undefined;
  if (issued.unitPrice === undefined || !new Decimal(issued.unitPrice).equals(unitPrice)) return undefined;
  const exact = exactProduct(new Decimal(quantity), new Decimal(unitPrice));
  const product = `${toPlainString(new Decimal(quantity))} × ${toPlainString(new Decimal(unitPrice))}`;
  const places = new Decimal(issued.amount).decimalPlaces();
  const off = (amount: string) => new Decimal(amount).minus(exact).abs();
  // The issued amount the product rounded to the nearest at its decimals (a half unit of its last
  // place at most); the recomputed one rounded to the currency in any mode (less than one minor unit).
  const nearest = off(issued.amount).lessThanOrEqualTo(new Decimal(10).pow(-places).dividedBy(2));
  if (places < minorUnits && nearest && off(recomputed.amount).lessThan(new Decimal(10).pow(-minorUnits)))
    return {
      cause: "rounding",
      sentence: `the same quantity and unit price, ${product} = ${toPlainString(exact)}, rounded to ${places} decimal${places === 1 ? "" : "s"} when issued and to ${minorUnits} recomputed, a rounding difference`,
    };
  return {
    cause: "price",
    sentence: `for the same quantity and unit price (${product} = ${toPlainString(exact)}): one of the amounts is not the quantity times the unit price (a proration, a minimum or another step of the line)`,
  };
}
