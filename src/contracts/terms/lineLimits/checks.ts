import type * as z from "zod/mini";
import { contractMessages } from "../../../errors/index.js";
import { toPlainString } from "../../../money/index.js";
import { modelOfPrice } from "../../../pricing/index.js";
import { issueOf } from "../../../schema/index.js";
import type { ChargeTerms } from "../../charge/chargeSchema.js";

type At = (...path: PropertyKey[]) => PropertyKey[];

/**
 * A charge-wide minimum or maximum needs one line to apply to: a grouped or matrix charge bills one
 * line per group and none without usage (docs/contracts.md, step 2).
 */
export function checkLineLimitScope(ctx: z.core.$RefinementCtx, charge: ChargeTerms, at: At): void {
  const model = modelOfPrice(charge.price);
  for (const key of ["minimum", "maximum"] as const) {
    if (charge[key] !== undefined && model.grouping !== undefined)
      ctx.addIssue(issueOf(contractMessages.lineLimitOnGroups(charge.price.model, key), at(key)));
  }
}

/** A line maximum below its minimum could never be met. */
export function checkLineLimitOrder(ctx: z.core.$RefinementCtx, charge: ChargeTerms, at: At): void {
  if (charge.minimum && charge.maximum && charge.minimum.greaterThan(charge.maximum))
    ctx.addIssue(issueOf(contractMessages.maximumBelowMinimum(toPlainString(charge.minimum)), at("maximum")));
}
