import * as z from "zod/mini";
import { lastTierMustBeUnbounded, onlyLastTierUnbounded, tierUpToNotIncreasing } from "../errors/index.js";
import { type Decimal, toPlainString } from "../money/index.js";
import { issueOf, moneyAmountSchema, positiveQuantitySchema, unitPriceSchema } from "../schema/index.js";
import { perUnitsSchema } from "./perUnitsSchema.js";

/** A tier's inclusive upper bound; null or omitted on the last tier (unbounded). */
export const upToSchema = z
  .optional(z.nullable(positiveQuantitySchema))
  .check(z.describe("Inclusive upper bound of the tier; null or omitted on the last tier (unbounded)."));

/** One tier: units in `(previous upTo, upTo]` cost `unitPrice` each; the last tier has no `upTo`. */
export const tierSchema = z.strictObject({
  upTo: upToSchema,
  unitPrice: unitPriceSchema,
  per: z
    .optional(perUnitsSchema)
    .check(
      z.describe(
        'The number of units the tier\'s unitPrice is quoted for, a power of ten ("0.30" per "1000000"). Default 1.',
      ),
    ),
  flatFee: z
    .optional(moneyAmountSchema)
    .check(z.describe("A fixed amount charged once the tier is reached.")),
});

/**
 * A list of tiers with `upTo` bounds: strictly ascending, only the last one unbounded. Shared by every
 * tiered model (graduated, volume, tiered package, graduated percentage, threshold, tiered minimum).
 * `lastMayBeBounded` leaves the last tier's bound to the model's `aboveLastTier` check (aboveLastTier.ts).
 */
export function boundedTiers<T extends z.ZodMiniType<{ upTo?: Decimal | null | undefined }>>(
  tier: T,
  options: { readonly lastMayBeBounded?: boolean } = {},
) {
  return z.array(tier).check(
    z.minLength(1, { message: "must list at least one tier" }),
    z.superRefine((tiers, ctx) => {
      let previous: string | undefined;
      tiers.forEach((tier, index) => {
        const isLast = index === tiers.length - 1;
        const upTo = tier.upTo ?? undefined;
        if (upTo === undefined) {
          if (!isLast) ctx.addIssue(issueOf(onlyLastTierUnbounded(index + 1), [index, "upTo"]));
          return;
        }
        if (isLast && options.lastMayBeBounded !== true) {
          ctx.addIssue(issueOf(lastTierMustBeUnbounded(toPlainString(upTo)), [index, "upTo"]));
        }
        if (previous !== undefined && !upTo.greaterThan(previous)) {
          ctx.addIssue(issueOf(tierUpToNotIncreasing(previous), [index, "upTo"]));
        }
        previous = toPlainString(upTo);
      });
    }),
  );
}

/** Tiers of a graduated or volume price (the last may be bounded when `aboveLastTier` says what lies above). */
export const tiersSchema = boundedTiers(tierSchema, { lastMayBeBounded: true });

export type TierTerms = z.output<typeof tierSchema>;

/**
 * The price of one unit in a tier: its unitPrice, divided by `per` when it is quoted per N units (a
 * power of ten, so only the decimal point moves: 0.30 per 1,000,000 = 0.0000003).
 */
export function tierUnitPrice(tier: TierTerms): Decimal {
  return tier.per === undefined ? tier.unitPrice : tier.unitPrice.div(tier.per);
}

/** Whether a first-tier flat fee is billed when the quantity is zero (Stripe and OpenMeter: yes; Lago: no). */
export const flatFeeAtZeroSchema = z
  .optional(z.boolean())
  .check(
    z.describe(
      "Bill the first tier's flat fee when usage is zero (default true, as Stripe and OpenMeter; false bills nothing, as Lago).",
    ),
  );
