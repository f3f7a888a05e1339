import { ContractError, ratingMessages, UsageError } from "../errors/index.js";
import { boundRule, type Decimal, isSizeWithinLimit, QUANTITY, toPlainString } from "../money/index.js";
import type { ChargeInForce } from "./overriddenPrice.js";

/**
 * The quantity a price rates is a quantity like any other (docs/decisions/numeric-bounds.md): below 10^15
 * in size, so its price stays exact. A meter's total of many events, or a divisor below 1, can pass it;
 * then no invoice is better than a rounded one. `path` is the charge's definition in force; `meterId` the
 * meter whose total was measured (the charge's own when none was).
 */
export function assertRatedQuantity(
  quantity: Decimal,
  charge: ChargeInForce,
  path: string,
  meterId: string | undefined,
): void {
  if (isSizeWithinLimit(quantity, QUANTITY)) return;
  const source = charge.quantity !== undefined ? "its contract quantity" : `meter ${meterId ?? charge.meter}`;
  const problem = ratingMessages.ratedQuantityOutOfRange(
    charge.id,
    toPlainString(quantity),
    source,
    charge.transform !== undefined || charge.included !== undefined,
    boundRule(QUANTITY),
  );
  if (charge.quantity !== undefined) throw ContractError.from(problem, `${path}.quantity`);
  throw UsageError.from(problem, `${path}.meter`);
}
