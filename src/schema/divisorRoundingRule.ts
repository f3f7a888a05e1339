import * as z from "zod/mini";
import { contractMessages } from "../errors/index.js";
import { Decimal, dividesExactly, toPlainString } from "../money/index.js";
import { issueOf } from "./primitives.js";

/**
 * True when a `divideBy` (a charge's transform, a meter's entity) makes quotients that need not end and
 * nothing rounds them: ratecard could then only carry them to 50 digits, and an amount priced from one
 * that is exactly a minor unit could round the wrong way. A divisor already refused (zero, not a number)
 * is left to its own error.
 */
function divisorNeedsRound(divideBy: unknown, round: unknown): divideBy is Decimal {
  return (
    Decimal.isDecimal(divideBy) &&
    divideBy.greaterThan(0) &&
    !dividesExactly(divideBy) &&
    (round === undefined || round === "none")
  );
}

/**
 * The check of an object with `divideBy` and `round` (a charge's `transform`, a meter's `entity`): a
 * divisor whose quotients need not end must come with a rounding, which makes them exact; refused at
 * `divideBy` otherwise (1,200 s ÷ 3,600 × $0.03 = $0.01 came out $0.0099999…9, $0.00 rounded down).
 */
export function divisorRoundingRule(where: "transform" | "entity") {
  return z.superRefine((terms: { readonly divideBy?: unknown; readonly round?: unknown }, ctx) => {
    if (divisorNeedsRound(terms.divideBy, terms.round))
      ctx.addIssue(
        issueOf(contractMessages.divideByNeedsRound(toPlainString(terms.divideBy), where), ["divideBy"]),
      );
  });
}
