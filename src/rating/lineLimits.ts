import { type Decimal, exactDifference, toPlainString, ZERO } from "../money/index.js";
import type { LineLimitStep } from "../schema/index.js";
import { applyRatio, type ProrationRatio } from "../time/index.js";

/**
 * Applies a line's minimum and maximum (per billing period; scaled by the proration ratio when the
 * line covers part of one), each a visible step with the adjustment as its amount. A charge that is
 * not a credit never bills below zero (negative usage, refunds): the `zero_floor` step says so, as
 * OpenMeter and Lago also bill nothing rather than a negative fee.
 */
export function applyLineLimits(
  amount: Decimal,
  limits: {
    readonly minimum?: Decimal | undefined;
    readonly maximum?: Decimal | undefined;
    readonly credit?: boolean | undefined;
  },
  proration: ProrationRatio | undefined,
): { readonly amount: Decimal; readonly steps: ReadonlyArray<LineLimitStep> } {
  const limited = applyMinimumMaximum(amount, limits, proration);
  if (limits.credit === true || !limited.amount.isNegative() || limited.amount.isZero()) return limited;
  return { amount: ZERO, steps: [...limited.steps, limitStep("zero_floor", ZERO, limited.amount)] };
}

function applyMinimumMaximum(
  amount: Decimal,
  limits: { readonly minimum?: Decimal | undefined; readonly maximum?: Decimal | undefined },
  proration: ProrationRatio | undefined,
): { readonly amount: Decimal; readonly steps: ReadonlyArray<LineLimitStep> } {
  const scale = (value: Decimal) => (proration === undefined ? value : applyRatio(value, proration));
  if (limits.minimum !== undefined && amount.lessThan(scale(limits.minimum))) {
    const minimum = scale(limits.minimum);
    return { amount: minimum, steps: [limitStep("minimum", minimum, amount)] };
  }
  if (limits.maximum !== undefined && amount.greaterThan(scale(limits.maximum))) {
    const maximum = scale(limits.maximum);
    return { amount: maximum, steps: [limitStep("maximum", maximum, amount)] };
  }
  return { amount, steps: [] };
}

function limitStep(
  limit: "minimum" | "maximum" | "zero_floor",
  value: Decimal,
  before: Decimal,
): LineLimitStep {
  return {
    kind: "line_limit",
    limit,
    value: toPlainString(value),
    before: toPlainString(before),
    amount: toPlainString(exactDifference(value, before)),
  };
}
