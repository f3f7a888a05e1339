import { z } from "zod";
import { nonNegativeDecimalSchema } from "../primitives.js";

/** A fixed amount per billing period, whatever the usage (a platform fee, a support plan). */
export const flatTermsSchema = z.strictObject({
  model: z.literal("flat"),
  amount: nonNegativeDecimalSchema,
});
export type FlatTerms = z.output<typeof flatTermsSchema>;
