import { Decimal, dividesExactly } from "../money/index.js";

/**
 * True when a `divideBy` (a charge's transform, a meter's entity) makes quotients that need not end and
 * nothing rounds them: ratecard could then only carry them to 50 digits, and an amount priced from one
 * that is exactly a minor unit could round the wrong way. A divisor already refused (zero, not a number)
 * is left to its own error.
 */
export function divisorNeedsRound(divideBy: unknown, round: unknown): divideBy is Decimal {
  return (
    Decimal.isDecimal(divideBy) &&
    divideBy.greaterThan(0) &&
    !dividesExactly(divideBy) &&
    (round === undefined || round === "none")
  );
}
