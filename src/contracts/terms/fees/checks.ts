import type * as z from "zod/mini";
import { contractMessages } from "../../../errors/index.js";
import { modelOfPrice } from "../../../pricing/index.js";
import { issueOf } from "../../../schema/index.js";
import type { ChargeTerms } from "../../charge/chargeSchema.js";

// A contract quantity (seats) replaces the meter of a price that prices a quantity; billing in advance
// is for fees only (a flat price or a contract quantity), since usage is known only when the period ends.
export function checkFeeTerms(
  ctx: z.core.$RefinementCtx,
  charge: ChargeTerms,
  at: (...path: PropertyKey[]) => PropertyKey[],
): void {
  if (charge.quantity !== undefined) {
    if (charge.meter !== undefined)
      ctx.addIssue(issueOf(contractMessages.meterAndQuantity(), at("quantity")));
    const model = modelOfPrice(charge.price);
    if (!model.usesQuantity || !model.acceptsTransform || model.grouping !== undefined)
      ctx.addIssue(issueOf(contractMessages.seatsNeedSinglePrice(model.model), at("quantity")));
  }
  if (charge.billed === "in_advance" && !modelOfPrice(charge.price).isFee && charge.quantity === undefined)
    ctx.addIssue(issueOf(contractMessages.advanceBillingOfUsage(), at("billed")));
}
