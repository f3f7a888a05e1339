import * as z from "zod/mini";
import { idSchema, localDateSchema } from "../../../schema/index.js";
import { chargeSchema } from "../../charge/chargeSchema.js";

/** An effective-dated change to the charges: from `effective` on, its charges replace or add to them. */
export const amendmentSchema = z.strictObject({
  id: idSchema,
  /** Local date in the contract's zone from which the amendment's terms apply. */
  effective: localDateSchema,
  /** Charges that replace the charge with the same id, or are added. */
  charges: z.optional(z.array(chargeSchema)),
  /** Charges that end on the effective date. */
  remove: z.optional(z.array(idSchema)),
  proration: z
    .optional(z.enum(["prorate", "none"]))
    .check(
      z.describe(
        'How the change bills the fees billed in advance it changes: "prorate" (default) credits the unused time of the old terms and bills the new terms for the rest of the period; "none" bills neither, and the new terms are billed from the next period (Stripe\'s proration_behavior=none).',
      ),
    ),
  creditBasis: z
    .optional(z.enum(["list_price", "last_billed", "net_of_discount"]))
    .check(
      z.describe(
        'What the unused-time credit of a prorated change is worked on: "list_price" (default) the terms in force just before the change; "last_billed" the terms last billed for that time (they differ after a change with "proration": "none"); "net_of_discount" those terms less the percentage discounts the billed fee had on the invoice that billed it (Stripe\'s flexible billing mode).',
      ),
    ),
});
