import type * as z from "zod/mini";
import type { Decimal } from "../../../money/index.js";
import { ratecardIssue } from "../../../schema/index.js";
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
        ratecardIssue("duplicate_id", `repeats discount id "${discount.id}"`, ["discounts", index, "id"]),
      );
    seen.add(discount.id);
    checkChargeReferences(ctx, discount.charges, ["discounts", index, "charges"], chargeIds);
    if (
      discount.amount !== undefined &&
      minorUnits !== undefined &&
      discount.amount.decimalPlaces() > minorUnits
    )
      ctx.addIssue(
        ratecardIssue(
          "amount_not_in_minor_units",
          `is not a whole number of ${contract.currency} minor units (${minorUnits} decimals)`,
          ["discounts", index, "amount"],
        ),
      );
  });
}
