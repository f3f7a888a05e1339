import * as z from "zod/mini";
import { amountTextSchema, nullableAmountTextSchema } from "../amountText.js";

/** The charge's transform: the measured quantity less what is included, divided, less what is included in the divided unit, rounded. */
export const billableQuantityStepSchema = z.strictObject({
  kind: z.literal("billable_quantity"),
  measured: amountTextSchema,
  /** The charge's `included`, in the meter's units, taken off before dividing (absent when not set). */
  includedMeasured: z.optional(amountTextSchema),
  divideBy: nullableAmountTextSchema,
  included: nullableAmountTextSchema,
  /** "up", "down" or "none"; with a rounding object, its mode (also "half_up" or "half_even"). */
  round: z.enum(["up", "down", "none", "half_up", "half_even"]),
  /** With a rounding object: the multiple rounded to ("1", "0.01" for 2 decimals, "0.001"). */
  roundIncrement: z.optional(amountTextSchema),
  billable: amountTextSchema,
});
export type BillableQuantityStep = z.output<typeof billableQuantityStepSchema>;
