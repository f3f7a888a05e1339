import type * as z from "zod/mini";
import { contractMessages } from "../../errors/index.js";
import { issueOf } from "../../schema/index.js";

/**
 * Every charge id a term lists (`discounts[0].charges`, `tax.rates[1].charges`, …) must name a charge
 * in `chargeIds` (the contract's, and those its amendments add); each one that does not is reported at
 * its own path.
 */
export function checkChargeReferences(
  ctx: z.core.$RefinementCtx,
  ids: ReadonlyArray<string> | undefined,
  path: ReadonlyArray<PropertyKey>,
  chargeIds: ReadonlySet<string>,
): void {
  ids?.forEach((id, at) => {
    if (chargeIds.has(id)) return;
    ctx.addIssue(issueOf(contractMessages.noChargeWithId(id), [...path, at]));
  });
}
