import * as z from "zod/mini";
import { amountTextSchema } from "../amountText.js";

/**
 * On a progressive or closing invoice (docs/progressive-billing.md): what the earlier progressive
 * invoices of the period billed for this line, taken off the line as rated on the cumulative usage.
 * Always after `rounding`: the rounding step gives the cumulative amount, and
 * cumulative + `amount` (negative, or zero) = the line's amount. `quantity` is the units they billed.
 */
export const billedEarlierStepSchema = z.strictObject({
  kind: z.literal("billed_earlier"),
  /** The ids of the earlier invoices of the period, in their order. */
  invoices: z.array(z.string()),
  /** The line's quantity and amount as rated on the usage so far, before this step. */
  cumulativeQuantity: amountTextSchema,
  cumulativeAmount: amountTextSchema,
  /** The units the earlier invoices billed (taken off the quantity). */
  quantity: amountTextSchema,
  /** The money they billed, negated (taken off the amount). */
  amount: amountTextSchema,
});
export type BilledEarlierStep = z.output<typeof billedEarlierStepSchema>;
