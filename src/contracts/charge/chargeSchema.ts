import * as z from "zod";
import { priceSchema } from "../../pricing/index.js";
import { idSchema, moneyAmountSchema, quantitySchema, sizeSchema } from "../../schema/index.js";

/**
 * How the meter's quantity becomes the billable quantity, in this order: divide (bytes → GB, requests
 * → thousands), subtract the included allowance (never below zero), then round (any part of a unit
 * bills the whole unit with "up"). Vendors round billable units after the allowance (Cloudflare R2).
 */
export const transformSchema = z.strictObject({
  divideBy: sizeSchema.optional(),
  included: quantitySchema.optional(),
  round: z.enum(["up", "down", "none"]).optional(),
  unit: z
    .string()
    .optional()
    .meta({ description: "The billable quantity's unit when it differs from the meter's (bytes → \"GB\")." }),
});
export type TransformTerms = z.output<typeof transformSchema>;

export const chargeSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1, { message: "must not be empty" }),
  meter: idSchema
    .optional()
    .meta({ description: "The meter whose quantity is priced; not used by flat prices." }),
  price: priceSchema,
  transform: transformSchema.optional(),
  minimum: moneyAmountSchema
    .optional()
    .meta({ description: "The least this line costs per billing period (prorated)." }),
  maximum: moneyAmountSchema
    .optional()
    .meta({ description: "The most this line costs per billing period (prorated)." }),
  credit: z
    .boolean()
    .optional()
    .meta({ description: "A credit charge may have negative prices (it reduces the invoice)." }),
  quantity: quantitySchema.optional().meta({
    description:
      "A quantity fixed by the contract (seats, licences) priced instead of a meter's; the fee is prorated like a flat fee.",
  }),
  billed: z.enum(["in_advance", "in_arrears"]).optional().meta({
    description:
      "When a fee (a flat price or a contract quantity) is billed: in_arrears (default) on the invoice of the period it covers; in_advance on the invoice that closes the period before (the opening invoice for the first).",
  }),
});
export type ChargeTerms = z.output<typeof chargeSchema>;
