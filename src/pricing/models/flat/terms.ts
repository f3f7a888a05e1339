import * as z from "zod/mini";
import { moneyAmountSchema } from "../../../schema/index.js";

/** A fixed amount per billing period, whatever the usage (a platform fee, a support plan). */
export const flatTermsSchema = z.strictObject({
  model: z.literal("flat"),
  amount: moneyAmountSchema,
  prorate: z
    .optional(z.boolean())
    .check(z.describe("Prorate on a partial billing period (default true); false bills the whole amount.")),
});
export type FlatTerms = z.output<typeof flatTermsSchema>;
