import type * as z from "zod";
import { checkChargeReferences } from "../../charge/checkChargeReferences.js";
import type { ParsedContractTerms } from "../../contract.js";

/** Cross-field checks of `tax`: every charge a rate lists exists. */
export function checkTax(
  ctx: z.RefinementCtx,
  contract: ParsedContractTerms,
  chargeIds: ReadonlySet<string>,
): void {
  contract.tax?.rates.forEach((rate, index) => {
    checkChargeReferences(ctx, rate.charges, ["tax", "rates", index, "charges"], chargeIds);
  });
}
