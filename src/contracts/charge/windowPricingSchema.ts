import * as z from "zod/mini";
import { contractMessages } from "../../errors/index.js";
import { priceSchema } from "../../pricing/index.js";
import {
  idSchema,
  issueOf,
  moneyAmountSchema,
  nonNegativeRatioSchema,
  quantitySchema,
} from "../../schema/index.js";

// "08:00": a time of the local day, on the minute. `until` may be "24:00", the end of the day.
const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const timeOfDaySchema = z
  .string()
  .check(z.regex(TIME_OF_DAY, { message: 'must be a time of day "HH:MM", from "00:00" to "23:59"' }));
const endOfDaySchema = z.string().check(
  z.refine((text) => TIME_OF_DAY.test(text) || text === "24:00", {
    message: 'must be a time of day "HH:MM", from "00:00" to "24:00"',
  }),
);

/**
 * A commitment per window of a bucket (Flexprice's window commitments): each window's amount is
 * compared with the committed amount (or the price of the committed quantity); above it, the excess
 * is billed × `overageFactor`; below it, the window bills its usage, or the commitment with `trueUp`.
 */
export const windowCommitmentSchema = z
  .strictObject({
    amount: z.optional(moneyAmountSchema).check(z.describe("The committed amount per window.")),
    quantity: z
      .optional(quantitySchema)
      .check(z.describe("The committed quantity per window, priced with the bucket's price.")),
    overageFactor: z
      .optional(nonNegativeRatioSchema)
      .check(z.describe('The excess above the commitment is billed × this (default "1").')),
    trueUp: z
      .optional(z.boolean())
      .check(z.describe("A window below the commitment bills the commitment (default false: its usage).")),
  })
  .check(
    z.superRefine((commitment, ctx) => {
      if ((commitment.amount === undefined) === (commitment.quantity === undefined))
        ctx.addIssue(issueOf(contractMessages.windowCommitmentAmountOrQuantity(), ["amount"]));
    }),
  );
export type WindowCommitmentTerms = z.output<typeof windowCommitmentSchema>;

/**
 * A time-of-day bucket: the windows whose start falls in [from, until) of the local day (in the
 * contract's zone; `from` after `until` wraps midnight, 22:00–06:00) are priced with the bucket's own
 * price (the charge's when absent) and, with a commitment, committed window by window.
 */
export const windowBucketSchema = z
  .strictObject({
    id: idSchema,
    from: timeOfDaySchema,
    until: endOfDaySchema,
    price: z.optional(priceSchema),
    commitment: z.optional(windowCommitmentSchema),
  })
  .check(
    z.superRefine((bucket, ctx) => {
      if (bucket.from === bucket.until)
        ctx.addIssue(issueOf(contractMessages.windowBucketEmpty(bucket.from), ["until"]));
    }),
  );
export type WindowBucketTerms = z.output<typeof windowBucketSchema>;

/**
 * Window pricing (docs/window-pricing.md): the charge prices its windowed meter window by window
 * instead of pricing the period's total. `each_window`: the tiers restart in every window and the line
 * is the sum (Flexprice's bucketed max and sum). `running_total`: each window is priced at the tiers its
 * running total since the period start falls in (Tencent CDN's hourly settlement of monthly tiers).
 */
export const windowPricingSchema = z.strictObject({
  tiers: z
    .enum(["each_window", "running_total"])
    .check(
      z.describe(
        "each_window: every window priced through the tiers from zero; running_total: every window priced at the tiers of the period's running total.",
      ),
    ),
  rounding: z
    .optional(z.enum(["line", "each_window"]))
    .check(
      z.describe(
        "line (default): the windows' exact amounts are added and the line rounded once; each_window: each window's amount is rounded to the currency's minor unit first, as a vendor that settles each window on its own bill.",
      ),
    ),
  buckets: z
    .optional(z.array(windowBucketSchema).check(z.minLength(1), z.maxLength(24)))
    .check(z.describe("Time-of-day buckets (peak, off-peak), each with its own price and commitment.")),
});
export type WindowPricingTerms = z.output<typeof windowPricingSchema>;
