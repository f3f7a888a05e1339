import * as z from "zod/mini";
import { aboveLastTierSchema, boundedLastTierCheck } from "../../aboveLastTier.js";
import { flatFeeAtZeroSchema, tiersSchema } from "../../tiers.js";

/** Each tier's price applies to the units that fall inside that tier (Stripe "graduated", Lago "graduated"). */
export const graduatedTermsSchema = z
  .strictObject({
    model: z.literal("graduated"),
    tiers: tiersSchema,
    flatFeeAtZeroUsage: flatFeeAtZeroSchema,
    aboveLastTier: aboveLastTierSchema,
  })
  .check(boundedLastTierCheck("tiers", (terms) => terms.tiers));
export type GraduatedTerms = z.output<typeof graduatedTermsSchema>;
