import type * as z from "zod/mini";
import { contractMessages } from "../../../errors/index.js";
import { toPlainString } from "../../../money/index.js";
import { issueOf } from "../../../schema/index.js";
import type { ChargeTerms } from "../../charge/chargeSchema.js";

type At = (...path: PropertyKey[]) => PropertyKey[];

/** A line maximum below its minimum could never be met. */
export function checkLineLimitOrder(ctx: z.core.$RefinementCtx, charge: ChargeTerms, at: At): void {
  if (charge.minimum && charge.maximum && charge.minimum.greaterThan(charge.maximum))
    ctx.addIssue(issueOf(contractMessages.maximumBelowMinimum(toPlainString(charge.minimum)), at("maximum")));
}
