import * as z from "zod/mini";
import { ratioSchema } from "../../../schema/index.js";

/**
 * Dynamic pricing: each event carries its own amount (the meter sums it), optionally × a multiplier
 * (a markup on a provider's cost, as Lago's and OpenMeter's dynamic prices).
 */
export const dynamicTermsSchema = z.strictObject({
  model: z.literal("dynamic"),
  multiplier: z
    .optional(ratioSchema)
    .check(z.describe('Applied to the summed event amounts, e.g. "1.2" (default 1).')),
});
export type DynamicTerms = z.output<typeof dynamicTermsSchema>;
