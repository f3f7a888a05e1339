import * as z from "zod/mini";
import { moneyAmountSchema, unitPriceSchema } from "../../../schema/index.js";
import { boundedTiers, flatFeeAtZeroSchema, upToSchema } from "../../tiers.js";

/** A graduated tier with the minimum the line costs once the quantity reaches it. */
export const minimumTierSchema = z.strictObject({
  upTo: upToSchema,
  unitPrice: unitPriceSchema,
  minimum: z.optional(moneyAmountSchema),
});
export type MinimumTierTerms = z.output<typeof minimumTierSchema>;

/**
 * Graduated tiers with a minimum that depends on the tier reached (Orb's tiered_with_minimum): the
 * line costs the graduated amount, or the reached tier's minimum if that is more.
 */
export const tieredWithMinimumTermsSchema = z.strictObject({
  model: z.literal("tiered_with_minimum"),
  tiers: boundedTiers(minimumTierSchema),
  flatFeeAtZeroUsage: flatFeeAtZeroSchema,
});
export type TieredWithMinimumTerms = z.output<typeof tieredWithMinimumTermsSchema>;
