import * as z from "zod/mini";
import { tierNotWholePackages } from "../../../errors/index.js";
import { type Decimal, toPlainString } from "../../../money/index.js";
import { issueOf, sizeSchema, unitPriceSchema } from "../../../schema/index.js";
import { aboveLastTierSchema, boundedLastTierCheck } from "../../aboveLastTier.js";
import { boundedTiers, upToSchema } from "../../tiers.js";

/** One tier of blocks: units in `(previous upTo, upTo]` are billed in blocks of `packageSize`. */
export const packageTierSchema = z.strictObject({
  upTo: upToSchema,
  packageSize: sizeSchema,
  packagePrice: unitPriceSchema,
});
export type PackageTierTerms = z.output<typeof packageTierSchema>;

/**
 * Tiered package (Kill Bill's tiered blocks): a block size and block price per tier; a partial block
 * bills whole. `graduated` (Kill Bill ALL_TIERS) bills each tier's units in that tier's blocks;
 * `volume` (Kill Bill TOP_TIER) bills all units in the blocks of the tier the total reaches.
 */
export const tieredPackageTermsSchema = z
  .strictObject({
    model: z.literal("tiered_package"),
    mode: z.enum(["graduated", "volume"]),
    tiers: boundedTiers(packageTierSchema, { lastMayBeBounded: true }).check(
      z.superRefine((tiers, ctx) => {
        // A bounded tier holds whole blocks (as Kill Bill's size × max blocks): otherwise its last block
        // would straddle into the next tier and bill units twice.
        let from: Decimal | undefined;
        tiers.forEach((tier, index) => {
          const upTo = tier.upTo ?? undefined;
          // A zero or negative package size has its own error where it is declared.
          if (upTo === undefined || !tier.packageSize.isPositive() || tier.packageSize.isZero()) return;
          const width = from === undefined ? upTo : upTo.minus(from);
          if (!width.mod(tier.packageSize).isZero())
            ctx.addIssue(
              issueOf(
                tierNotWholePackages(index + 1, toPlainString(width), toPlainString(tier.packageSize)),
                [index, "upTo"],
              ),
            );
          from = upTo;
        });
      }),
    ),
    aboveLastTier: aboveLastTierSchema,
  })
  .check(boundedLastTierCheck("tiers", (terms) => terms.tiers));
export type TieredPackageTerms = z.output<typeof tieredPackageTermsSchema>;
