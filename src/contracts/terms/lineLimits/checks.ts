import type * as z from "zod/mini";
import { contractMessages } from "../../../errors/index.js";
import { toPlainString } from "../../../money/index.js";
import { modelOfPrice } from "../../../pricing/index.js";
import { issueOf } from "../../../schema/index.js";
import type { ChargeTerms } from "../../charge/chargeSchema.js";

type At = (...path: PropertyKey[]) => PropertyKey[];

/**
 * A charge-wide minimum needs one line to apply to: a grouped or matrix charge bills one line per group
 * and none without usage, so "at least 700 a month" would bill nothing in a month without usage, and
 * the anchors read it two ways (Lago: once against the groups' sum; Orb: per group). A maximum is
 * allowed: it caps each group's line (an hourly price capped at a monthly price per instance), and a
 * cap on no line is no charge either way (docs/decisions/grouped-lines.md).
 */
export function checkLineLimitScope(ctx: z.core.$RefinementCtx, charge: ChargeTerms, at: At): void {
  const model = modelOfPrice(charge.price);
  if (charge.minimum !== undefined && model.grouping !== undefined)
    ctx.addIssue(issueOf(contractMessages.minimumOnGroups(charge.price.model), at("minimum")));
}

/** A line maximum below its minimum could never be met. */
export function checkLineLimitOrder(ctx: z.core.$RefinementCtx, charge: ChargeTerms, at: At): void {
  if (charge.minimum && charge.maximum && charge.minimum.greaterThan(charge.maximum))
    ctx.addIssue(issueOf(contractMessages.maximumBelowMinimum(toPlainString(charge.minimum)), at("maximum")));
}
