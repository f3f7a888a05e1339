import { InvariantError } from "../errors/index.js";
import {
  type Decimal,
  type ExactQuotient,
  fractionAbove,
  toPlainString,
  unendingQuotient,
} from "../money/index.js";
import type { AllowanceDraw } from "./planAllowanceDraws.js";

/**
 * What an allowance pool's draw leaves of a line's billable quantity, and of its fraction n ÷ d when it
 * is a quotient that does not end: (n − drawn × d) ÷ d, so 1/3 GB less 0.25 GB drawn is 1/12 GB, priced
 * exactly (docs/meters.md, "Quotients"). A pool that takes it all (its 50 digits) leaves 0, which needs
 * no fraction.
 * @throws InvariantError when the draw is larger than the quantity it was planned on (our bug)
 */
export function leftByDraw(
  quantity: Decimal,
  fraction: ExactQuotient | undefined,
  draw: AllowanceDraw,
  lineId: string,
): { readonly quantity: Decimal; readonly fraction: ExactQuotient | undefined } {
  const { drawn } = draw;
  if (drawn.isNegative() || drawn.greaterThan(quantity.isNegative() ? 0 : quantity))
    throw new InvariantError(
      `Line ${lineId} was planned to draw ${toPlainString(drawn)} from allowance ${draw.pool} but bills ${toPlainString(quantity)}.`,
    );
  return { quantity: quantity.minus(drawn), fraction: fractionLeft(fraction, quantity, drawn) };
}

function fractionLeft(
  fraction: ExactQuotient | undefined,
  quantity: Decimal,
  drawn: Decimal,
): ExactQuotient | undefined {
  if (fraction === undefined || drawn.isZero()) return fraction;
  if (drawn.eq(quantity)) return undefined;
  return unendingQuotient(fractionAbove(fraction, drawn));
}
