import type * as z from "zod/mini";
import { modelOfPrice } from "../../../pricing/index.js";
import { ratecardIssue } from "../../../schema/index.js";
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
      ctx.addIssue(
        ratecardIssue(
          "invalid_field",
          "give either a meter (usage decides the quantity) or a quantity (the contract decides it), not both",
          at("quantity"),
        ),
      );
    const model = modelOfPrice(charge.price);
    if (!model.usesQuantity || !model.acceptsTransform || model.grouping !== undefined)
      ctx.addIssue(
        ratecardIssue(
          "invalid_field",
          `a ${model.model} price does not price a single quantity; seats need a unit, graduated, volume or package price`,
          at("quantity"),
        ),
      );
  }
  if (charge.billed === "in_advance" && !modelOfPrice(charge.price).isFee && charge.quantity === undefined)
    ctx.addIssue(
      ratecardIssue(
        "invalid_field",
        "only fees (a flat price or a contract quantity) can be billed in advance; usage is known only when the period ends",
        at("billed"),
      ),
    );
}
