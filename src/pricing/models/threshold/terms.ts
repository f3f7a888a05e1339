import * as z from "zod/mini";
import { moneyAmountSchema } from "../../../schema/index.js";
import { boundedTiers, flatFeeAtZeroSchema, upToSchema } from "../../tiers.js";

/** One band of quantity and the flat amount it costs. */
export const bandSchema = z.strictObject({ upTo: upToSchema, amount: moneyAmountSchema });
export type BandTerms = z.output<typeof bandSchema>;

/** Threshold (step) pricing: the quantity falls in one band, and the line costs that band's amount. */
export const thresholdTermsSchema = z.strictObject({
  model: z.literal("threshold"),
  bands: boundedTiers(bandSchema),
  flatFeeAtZeroUsage: flatFeeAtZeroSchema,
});
export type ThresholdTerms = z.output<typeof thresholdTermsSchema>;
