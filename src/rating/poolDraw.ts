import { InvariantError } from "../errors/index.js";
import {
  type Decimal,
  type ExactQuotient,
  ONE,
  quotient,
  quotientValue,
  subtractQuotients,
  toPlainString,
  unendingQuotient,
} from "../money/index.js";
import type { AllowanceDraw } from "./planAllowanceDraws.js";

/**
 * What an allowance pool's draw leaves of a line's billable quantity, exactly: its fraction n ÷ d
 * (when it is a quotient that does not end) less what it drew, itself a fraction when the pool's rest
 * was one. 1/3 GB less 0.25 GB drawn is 1/12 GB; 1 GB less the 2/3 GB a pool had left after a line of
 * 1/3 GB is 1/3 GB; both priced exactly (docs/meters.md, "Quotients"). A pool that takes it all leaves
 * 0, which needs no fraction.
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
  // Nothing drawn leaves the line as it was (a negative quantity draws nothing and stays negative);
  // a pool that takes all of it leaves 0, not a remainder of the 50 digits.
  if (drawn.isZero()) return { quantity, fraction };
  if (drawn.eq(quantity)) return { quantity: quantity.minus(drawn), fraction: undefined };
  const left = subtractQuotients(
    fraction ?? quotient(quantity, ONE),
    draw.drawnExactly ?? quotient(drawn, ONE),
  );
  // Below 0 only when the line and the plan wrote one value two ways (a fraction one of them keeps at
  // its 50 digits): the digits' difference, not a draw beyond the line, which the check above refuses.
  if (left.numerator.isNegative()) return { quantity: quantity.minus(drawn), fraction: undefined };
  return { quantity: quotientValue(left), fraction: unendingQuotient(left) };
}
