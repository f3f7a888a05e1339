import { z } from "zod";
import { moneySchema, positiveDecimalSchema } from "../primitives.js";
import { boundedTiers, upToSchema } from "./tiers.js";

/** One tier of blocks: units in `(previous upTo, upTo]` are billed in blocks of `packageSize`. */
export const packageTierSchema = z.strictObject({
  upTo: upToSchema,
  packageSize: positiveDecimalSchema,
  packagePrice: moneySchema,
});
export type PackageTierTerms = z.output<typeof packageTierSchema>;

/**
 * Tiered package (Kill Bill's tiered blocks): a block size and block price per tier; a partial block
 * bills whole. `graduated` (Kill Bill ALL_TIERS) bills each tier's units in that tier's blocks;
 * `volume` (Kill Bill TOP_TIER) bills all units in the blocks of the tier the total reaches.
 */
export const tieredPackageTermsSchema = z.strictObject({
  model: z.literal("tiered_package"),
  mode: z.enum(["graduated", "volume"]),
  tiers: boundedTiers(packageTierSchema),
});
export type TieredPackageTerms = z.output<typeof tieredPackageTermsSchema>;
