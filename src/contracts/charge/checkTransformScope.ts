import type * as z from "zod/mini";
import { contractMessages } from "../../errors/index.js";
import { modelOfPrice } from "../../pricing/index.js";
import { issueOf } from "../../schema/index.js";
import type { ChargeTerms } from "./chargeSchema.js";

/**
 * `transform.scope: "charge"` rates the total of a grouped charge's groups once (one price, one
 * rounding, one allowance) and splits the amount over the group lines (docs/pricing.md, "The transform
 * across the groups"). It needs groups that share one price, and nothing that works per line after the
 * split could undo: a line maximum, window pricing, an allowance pool's per-line draws, full-quantity tiers.
 */
export function checkTransformScope(
  ctx: z.core.$RefinementCtx,
  charge: ChargeTerms,
  path: ReadonlyArray<PropertyKey>,
  pooled: ReadonlySet<string>,
): void {
  if (charge.transform?.scope !== "charge") return;
  const reason = inTheWay(charge, pooled);
  if (reason !== undefined)
    ctx.addIssue(issueOf(contractMessages.transformScopeNotShared(reason), [...path, "transform", "scope"]));
}

function inTheWay(charge: ChargeTerms, pooled: ReadonlySet<string>): string | undefined {
  const grouping = modelOfPrice(charge.price).grouping;
  if (grouping === undefined)
    return `this ${charge.price.model} price bills one line, with no groups to add up`;
  if (grouping.namedGroups(charge.price).length > 0)
    return `this ${charge.price.model} price prices its groups differently, so their total has no one price`;
  if (charge.maximum !== undefined)
    return "maximum caps each group's line, which a split amount cannot honour";
  if (charge.windows !== undefined) return "windows price each window of each group";
  if (charge.tiersBy === "full_quantity") return "tiersBy full_quantity picks tiers per line";
  if (pooled.has(charge.id)) return "an allowance pool draws line by line";
  return undefined;
}
