import * as z from "zod/mini";
import { aboveLastTierSchema, boundedLastTierCheck } from "../../aboveLastTier.js";
import { flatFeeAtZeroSchema, tiersSchema } from "../../tiers.js";

/** All units at the price of the tier the total quantity reaches (Stripe "volume", Lago "volume"). */
export const volumeTermsSchema = z
  .strictObject({
    model: z.literal("volume"),
    tiers: tiersSchema,
    flatFeeAtZeroUsage: flatFeeAtZeroSchema,
    aboveLastTier: aboveLastTierSchema,
  })
  .check(boundedLastTierCheck("tiers", (terms) => terms.tiers));
export type VolumeTerms = z.output<typeof volumeTermsSchema>;
