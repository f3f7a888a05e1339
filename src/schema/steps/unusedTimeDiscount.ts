import * as z from "zod/mini";
import { amountTextSchema } from "../amountText.js";

/**
 * A credit for unused time worked net of a percentage discount (`"creditBasis": "net_of_discount"`):
 * the discount's share of the billed fee taken off the credit too, `before × (1 − percent ÷ 100)`, or
 * `percent × elapsed ÷ total` when the discount was in force for part of the invoice that billed it.
 */
export const unusedTimeDiscountStepSchema = z.strictObject({
  kind: z.literal("unused_time_discount"),
  /** The discount's id, as on the invoice that billed the time. */
  discount: z.string(),
  percent: amountTextSchema,
  /** The share of the billing invoice's period the discount was in force; absent when all of it. */
  inForce: z.optional(z.strictObject({ elapsed: amountTextSchema, total: amountTextSchema })),
  before: amountTextSchema,
  amount: amountTextSchema,
});
export type UnusedTimeDiscountStep = z.output<typeof unusedTimeDiscountStepSchema>;
