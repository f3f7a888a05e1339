import * as z from "zod/mini";
import { contractMessages } from "../../errors/index.js";
import { priceSchema } from "../../pricing/index.js";
import {
  divisorRoundingRule,
  idSchema,
  issueOf,
  moneyAmountSchema,
  quantitySchema,
  sizeSchema,
} from "../../schema/index.js";
import { windowPricingSchema } from "./windowPricingSchema.js";

/**
 * How the meter's quantity becomes the billable quantity, in this order: divide (bytes → GB, requests
 * → thousands), subtract the included allowance (never below zero), then round (any part of a unit
 * bills the whole unit with "up"). Vendors round billable units after the allowance (Cloudflare R2).
 */
/**
 * Rounding of the billable quantity with a mode, to N decimals or to a multiple of an increment
 * ("nearest 0.001 GB"; whole units when neither is given). Lago rounds a billable metric's aggregate
 * the same way (`rounding_function` round/ceil/floor with a `rounding_precision`).
 */
export const quantityRoundingSchema = z
  .strictObject({
    mode: z.enum(["up", "down", "half_up", "half_even"]),
    decimals: z.optional(z.int().check(z.gte(0), z.lte(9))),
    increment: z.optional(sizeSchema),
  })
  .check(
    z.superRefine((rounding, ctx) => {
      if (rounding.decimals !== undefined && rounding.increment !== undefined)
        ctx.addIssue(issueOf(contractMessages.roundDecimalsAndIncrement(), ["increment"]));
    }),
  );
export type QuantityRoundingTerms = z.output<typeof quantityRoundingSchema>;

export const transformSchema = z
  .strictObject({
    divideBy: z.optional(sizeSchema),
    included: z.optional(quantitySchema),
    round: z
      .optional(z.union([z.enum(["up", "down", "none"]), quantityRoundingSchema]))
      .check(
        z.describe(
          '"up" or "down" to a whole unit, "none", or { "mode": "up" | "down" | "half_up" | "half_even", "decimals": N } or { "mode", "increment": "0.001" }.',
        ),
      ),
    unit: z
      .optional(z.string())
      .check(z.describe("The billable quantity's unit when it differs from the meter's (bytes → \"GB\").")),
    scope: z
      .optional(z.enum(["group", "charge"]))
      .check(
        z.describe(
          'On a grouped charge: "group" (the default) divides, takes the allowance and rounds each group\'s line; "charge" does it once on the total of the groups (Cloudflare rounds the account\'s operations) and splits the amount over the group lines by usage.',
        ),
      ),
  })
  .check(divisorRoundingRule("transform"));
export type TransformTerms = z.output<typeof transformSchema>;

export const chargeSchema = z.strictObject({
  id: idSchema,
  name: z.string().check(z.minLength(1, { message: "must not be empty" })),
  meter: z
    .optional(idSchema)
    .check(z.describe("The meter whose quantity is priced; not used by flat prices.")),
  price: priceSchema,
  tags: z
    .optional(z.array(idSchema).check(z.minLength(1)))
    .check(
      z.describe(
        'Labels a credit grant or a discount may select the charge by (`chargeTags`), e.g. ["compute"].',
      ),
    ),
  transform: z.optional(transformSchema),
  included: z
    .optional(quantitySchema)
    .check(
      z.describe(
        'Units included free, in the meter\'s own units ("10000000" for "first 10 million requests included"), taken off before the transform divides or rounds.',
      ),
    ),
  minimum: z
    .optional(moneyAmountSchema)
    .check(
      z.describe(
        "The least this line costs per billing period (prorated). Not on a grouped or matrix charge.",
      ),
    ),
  maximum: z
    .optional(moneyAmountSchema)
    .check(
      z.describe(
        "The most this line costs per billing period (prorated); on a grouped or matrix charge, the most each group's line costs (an hourly price capped at a monthly price per instance).",
      ),
    ),
  credit: z
    .optional(z.boolean())
    .check(z.describe("A credit charge may have negative prices (it reduces the invoice).")),
  quantity: z
    .optional(quantitySchema)
    .check(
      z.describe(
        "A quantity fixed by the contract (seats, licences) priced instead of a meter's; the fee is prorated like a flat fee.",
      ),
    ),
  tiersBy: z
    .optional(z.enum(["quantity", "full_quantity"]))
    .check(
      z.describe(
        "On a volume or graduated charge over a prorated meter: quantity (default) picks the tiers by the prorated quantity; full_quantity picks them by the quantity before proration and prices the prorated quantity (Lago's prorated charges).",
      ),
    ),
  billed: z
    .optional(z.enum(["in_advance", "in_arrears"]))
    .check(
      z.describe(
        "When a fee (a flat price or a contract quantity) is billed: in_arrears (default) on the invoice of the period it covers; in_advance on the invoice that closes the period before (the opening invoice for the first).",
      ),
    ),
  windows: z
    .optional(windowPricingSchema)
    .check(
      z.describe(
        "Price a windowed meter window by window (tiers that restart in every window, or a running total's tiers; time-of-day buckets with commitments) instead of the period's total. docs/window-pricing.md.",
      ),
    ),
});
export type ChargeTerms = z.output<typeof chargeSchema>;
