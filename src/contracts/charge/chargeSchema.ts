import * as z from "zod/mini";
import { priceSchema } from "../../pricing/index.js";
import { idSchema, moneyAmountSchema, quantitySchema, sizeSchema } from "../../schema/index.js";

/**
 * How the meter's quantity becomes the billable quantity, in this order: divide (bytes → GB, requests
 * → thousands), subtract the included allowance (never below zero), then round (any part of a unit
 * bills the whole unit with "up"). Vendors round billable units after the allowance (Cloudflare R2).
 */
export const transformSchema = z.strictObject({
  divideBy: z.optional(sizeSchema),
  included: z.optional(quantitySchema),
  round: z.optional(z.enum(["up", "down", "none"])),
  unit: z
    .optional(z.string())
    .check(z.describe("The billable quantity's unit when it differs from the meter's (bytes → \"GB\").")),
});
export type TransformTerms = z.output<typeof transformSchema>;

export const chargeSchema = z.strictObject({
  id: idSchema,
  name: z.string().check(z.minLength(1, { message: "must not be empty" })),
  meter: z
    .optional(idSchema)
    .check(z.describe("The meter whose quantity is priced; not used by flat prices.")),
  price: priceSchema,
  transform: z.optional(transformSchema),
  minimum: z
    .optional(moneyAmountSchema)
    .check(z.describe("The least this line costs per billing period (prorated).")),
  maximum: z
    .optional(moneyAmountSchema)
    .check(z.describe("The most this line costs per billing period (prorated).")),
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
});
export type ChargeTerms = z.output<typeof chargeSchema>;
