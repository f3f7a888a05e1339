import type { TransformTerms } from "../contracts/index.js";
import { type Decimal, roundToInteger, toPlainString, ZERO } from "../money/index.js";
import type { BillableQuantityStep } from "../schema/index.js";

/**
 * Turns the measured quantity into the billable one, in the documented order: subtract the charge's
 * `included` (in the meter's units), divide, subtract the transform's included allowance (in the divided
 * unit), round; neither subtraction goes below zero. Returns the step that shows it, if anything changed.
 * 2,500,000,000 bytes ÷ 10^9 = 2.5 GB; minus 1 GB included = 1.5; rounded up = 2 GB.
 * 12,000,000 requests minus the first 10,000,000 included = 2,000,000 requests.
 */
export function billableQuantity(
  measured: Decimal,
  transform: TransformTerms | undefined,
  includedMeasured?: Decimal,
): { readonly quantity: Decimal; readonly step?: BillableQuantityStep } {
  if (transform === undefined && includedMeasured === undefined) return { quantity: measured };
  const afterMeasuredAllowance =
    includedMeasured === undefined ? measured : atLeastZero(measured.minus(includedMeasured));
  const divided =
    transform?.divideBy === undefined
      ? afterMeasuredAllowance
      : afterMeasuredAllowance.div(transform.divideBy);
  const afterAllowance =
    transform?.included === undefined ? divided : atLeastZero(divided.minus(transform.included));
  const round = transform?.round ?? "none";
  const quantity =
    round === "none" ? afterAllowance : roundToInteger(afterAllowance, round === "up" ? "ceiling" : "floor");
  return {
    quantity,
    step: {
      kind: "billable_quantity",
      measured: toPlainString(measured),
      ...(includedMeasured === undefined ? {} : { includedMeasured: toPlainString(includedMeasured) }),
      divideBy: transform?.divideBy === undefined ? null : toPlainString(transform.divideBy),
      included: transform?.included === undefined ? null : toPlainString(transform.included),
      round,
      billable: toPlainString(quantity),
    },
  };
}

function atLeastZero(value: Decimal): Decimal {
  return value.isNegative() ? ZERO : value;
}
