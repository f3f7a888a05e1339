import * as z from "zod/mini";
import { onlyLastCapacityTierUnlimited } from "../../../errors/index.js";
import { idSchema, issueOf, moneyAmountSchema, quantitySchema } from "../../../schema/index.js";
import { flatFeeAtZeroSchema } from "../../tiers.js";

/** A capacity tier: its price, and the most of each meter it allows (no limits: unlimited). */
export const capacityTierSchema = z.strictObject({
  limits: z.optional(z.array(z.strictObject({ meter: idSchema, max: quantitySchema }))),
  amount: moneyAmountSchema,
});
export type CapacityTierTerms = z.output<typeof capacityTierSchema>;

/**
 * Capacity pricing (Kill Bill's CAPACITY usage): the price of the lowest tier whose every limit holds.
 * Usage above every tier's limits is an error, never a made-up price.
 */
export const capacityTermsSchema = z.strictObject({
  model: z.literal("capacity"),
  tiers: z.array(capacityTierSchema).check(
    z.minLength(1, { message: "must list at least one tier" }),
    z.superRefine((tiers, ctx) => {
      tiers.forEach((tier, index) => {
        if (index < tiers.length - 1 && (tier.limits ?? []).length === 0)
          ctx.addIssue(issueOf(onlyLastCapacityTierUnlimited(), [index, "limits"]));
      });
    }),
  ),
  flatFeeAtZeroUsage: flatFeeAtZeroSchema,
});
export type CapacityTerms = z.output<typeof capacityTermsSchema>;
