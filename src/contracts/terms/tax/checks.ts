import type * as z from "zod/mini";
import { checkChargeReferences } from "../../charge/checkChargeReferences.js";
import type { ParsedContractTerms } from "../../contract.js";

/** Cross-field checks of `tax`: every charge a rate lists exists. */
export function checkTax(
  ctx: z.core.$RefinementCtx,
  contract: ParsedContractTerms,
  chargeIds: ReadonlySet<string>,
): void {
  contract.tax?.rates.forEach((rate, index) => {
    checkChargeReferences(ctx, rate.charges, ["tax", "rates", index, "charges"], chargeIds);
  });
}
