import type { TransformTerms } from "../contracts/index.js";
import { type Decimal, roundToInteger, toPlainString, ZERO } from "../money/index.js";
import type { BillableQuantityStep } from "../schema/index.js";

/**
 * Turns the measured quantity into the billable one, in the documented order: divide, subtract the
 * included allowance (never below zero), round. Returns the step that shows it, if anything changed.
 * 2,500,000,000 bytes ÷ 10^9 = 2.5 GB; minus 1 GB included = 1.5; rounded up = 2 GB.
 */
export function billableQuantity(
  measured: Decimal,
  transform: TransformTerms | undefined,
): { readonly quantity: Decimal; readonly step?: BillableQuantityStep } {
  if (transform === undefined) return { quantity: measured };
  const divided = transform.divideBy === undefined ? measured : measured.div(transform.divideBy);
  const afterAllowance =
    transform.included === undefined ? divided : atLeastZero(divided.minus(transform.included));
  const round = transform.round ?? "none";
  const quantity =
    round === "none" ? afterAllowance : roundToInteger(afterAllowance, round === "up" ? "ceiling" : "floor");
  return {
    quantity,
    step: {
      kind: "billable_quantity",
      measured: toPlainString(measured),
      divideBy: transform.divideBy === undefined ? null : toPlainString(transform.divideBy),
      included: transform.included === undefined ? null : toPlainString(transform.included),
      round,
      billable: toPlainString(quantity),
    },
  };
}

function atLeastZero(value: Decimal): Decimal {
  return value.isNegative() ? ZERO : value;
}
