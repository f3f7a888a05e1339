import * as z from "zod/mini";
import { amountTextSchema } from "../amountText.js";

/** One window priced on its own (listed when it has a quantity or an amount). */
export const pricedWindowSchema = z.strictObject({
  /** The instant the window starts. */
  start: z.string(),
  /** Its billable quantity. */
  quantity: amountTextSchema,
  /** `running_total`: the period's running total at the window's end; the window bills P(total) − P(total − quantity). */
  total: z.optional(amountTextSchema),
  /** The time-of-day bucket its start falls in. */
  bucket: z.optional(z.string()),
  /** With a bucket's commitment: the window's price before it, and the committed amount it is held to. */
  usage: z.optional(amountTextSchema),
  committed: z.optional(amountTextSchema),
  /** What the window bills (rounded to minor units with `rounding: "each_window"`). */
  amount: amountTextSchema,
});
export type PricedWindow = z.output<typeof pricedWindowSchema>;

/** The windows of one time-of-day bucket (or of none: `id` null), added up. */
export const windowBucketTotalSchema = z.strictObject({
  id: z.nullable(z.string()),
  windows: z.int(),
  quantity: amountTextSchema,
  /** Σ the windows' prices before commitments. */
  usage: amountTextSchema,
  /** Σ (commitment − usage) of the windows below their commitment, with a true-up. */
  trueUp: amountTextSchema,
  /** Σ (usage − commitment) × overage factor of the windows above it. */
  overage: amountTextSchema,
  amount: amountTextSchema,
});
export type WindowBucketTotal = z.output<typeof windowBucketTotalSchema>;

/**
 * A charge priced window by window (`windows`, docs/window-pricing.md): its price rated each window's
 * quantity from zero (`each_window`) or at the tiers of the running total (`running_total`); `amount`
 * is Σ the windows' amounts, exactly, and replaces the price steps of a line priced on its total.
 */
export const windowPricingStepSchema = z.strictObject({
  kind: z.literal("window_pricing"),
  tiers: z.enum(["each_window", "running_total"]),
  rounding: z.enum(["line", "each_window"]),
  /** How many windows were priced (those without a quantity or amount are not listed). */
  windows: z.int(),
  quantity: amountTextSchema,
  priced: z.array(pricedWindowSchema),
  buckets: z.optional(z.array(windowBucketTotalSchema)),
  amount: amountTextSchema,
});
export type WindowPricingStep = z.output<typeof windowPricingStepSchema>;
