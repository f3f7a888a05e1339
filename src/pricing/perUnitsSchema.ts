import * as z from "zod/mini";
import { perNotPowerOfTen } from "../errors/index.js";
import { type Decimal, toPlainString } from "../money/index.js";
import { issueOf, sizeSchema } from "../schema/index.js";

/**
 * How many units a quoted price is for ("$0.30 per 1,000,000 requests"): a power of ten, so that the
 * price of one unit (0.30 ÷ 10^6 = 0.0000003) is a shift of the decimal point and never rounded.
 */
export const perUnitsSchema = sizeSchema.check(
  z.superRefine((per: Decimal, ctx) => {
    if (!isPowerOfTen(per)) ctx.addIssue(issueOf(perNotPowerOfTen(toPlainString(per))));
  }),
);

// 1, 10, 100, …: a single significant digit 1 and no fraction.
function isPowerOfTen(value: Decimal): boolean {
  return value.isInteger() && /^10*$/.test(toPlainString(value));
}
