import type * as z from "zod/mini";
import { contractMessages } from "../../../errors/index.js";
import type { Decimal } from "../../../money/index.js";
import { issueOf } from "../../../schema/index.js";
import { checkChargeReferences } from "../../charge/checkChargeReferences.js";
import { currencyMinorUnits } from "../../currencyMinorUnits.js";

/**
 * Cross-field checks of `discounts[]`: unique ids, every listed charge exists, a fixed amount holds
 * whole minor units of the invoice currency.
 */
export function checkDiscounts(
  ctx: z.core.$RefinementCtx,
  contract: {
    readonly currency: string;
    readonly customUnits?: ReadonlyArray<{ code: string; minorUnits: number }> | undefined;
    readonly discounts?:
      | ReadonlyArray<{ id: string; amount?: Decimal | undefined; charges?: string[] | undefined }>
      | undefined;
  },
  chargeIds: ReadonlySet<string>,
): void {
  const seen = new Set<string>();
  const minorUnits = currencyMinorUnits(contract);
  contract.discounts?.forEach((discount, index) => {
    if (seen.has(discount.id))
      ctx.addIssue(
        issueOf(contractMessages.repeatedTermId("discount", discount.id), ["discounts", index, "id"]),
      );
    seen.add(discount.id);
    checkChargeReferences(ctx, discount.charges, ["discounts", index, "charges"], chargeIds);
    if (
      discount.amount !== undefined &&
      minorUnits !== undefined &&
      discount.amount.decimalPlaces() > minorUnits
    )
      ctx.addIssue(
        issueOf(contractMessages.discountNotInMinorUnits(contract.currency, minorUnits), [
          "discounts",
          index,
          "amount",
        ]),
      );
  });
}
