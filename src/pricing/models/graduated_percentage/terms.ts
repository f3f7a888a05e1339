import * as z from "zod/mini";
import { moneyAmountSchema, percentSchema } from "../../../schema/index.js";
import { aboveLastTierSchema, boundedLastTierCheck } from "../../aboveLastTier.js";
import { boundedTiers, upToSchema } from "../../tiers.js";

/** One tier of amount: the part of the total in `(previous upTo, upTo]` is charged `percent`. */
export const percentTierSchema = z.strictObject({
  upTo: upToSchema,
  percent: percentSchema,
  flatFee: z.optional(moneyAmountSchema),
});
export type PercentTierTerms = z.output<typeof percentTierSchema>;

/** A percentage per tier of the total amount (Lago's graduated percentage). */
export const graduatedPercentageTermsSchema = z
  .strictObject({
    model: z.literal("graduated_percentage"),
    tiers: boundedTiers(percentTierSchema, { lastMayBeBounded: true }),
    flatFeeAtZeroUsage: z
      .optional(z.boolean())
      .check(
        z.describe(
          "Bill the first tier's flat fee when the amount is zero (default false, as before and as Lago; true bills it, as graduated and volume do by default).",
        ),
      ),
    aboveLastTier: aboveLastTierSchema,
  })
  .check(boundedLastTierCheck("tiers", (terms) => terms.tiers));
export type GraduatedPercentageTerms = z.output<typeof graduatedPercentageTermsSchema>;
