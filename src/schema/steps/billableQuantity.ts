import * as z from "zod/mini";
import { amountTextSchema, nullableAmountTextSchema } from "../amountText.js";

/** The charge's transform: the measured quantity divided, less what is included, rounded. */
export const billableQuantityStepSchema = z.strictObject({
  kind: z.literal("billable_quantity"),
  measured: amountTextSchema,
  divideBy: nullableAmountTextSchema,
  included: nullableAmountTextSchema,
  round: z.enum(["up", "down", "none"]),
  billable: amountTextSchema,
});
export type BillableQuantityStep = z.output<typeof billableQuantityStepSchema>;
