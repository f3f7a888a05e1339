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
  round: z.enum(["up", "down", "none"]),
  billable: amountTextSchema,
});
export type BillableQuantityStep = z.output<typeof billableQuantityStepSchema>;
