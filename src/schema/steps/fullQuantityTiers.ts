import * as z from "zod/mini";
import { amountTextSchema } from "../amountText.js";

/**
 * A prorated quantity priced at the tiers its full quantity reaches (`tiersBy: "full_quantity"`, Lago's
 * prorated volume and graduated charges): the price steps before it rate `full`; their tier flat fees
 * stay whole and the rest (`before` − `flatFees`) is scaled by `quantity` ÷ `full`. With a `full` of 0
 * the first tier alone is reached and `quantity` is priced at its `unitPrice` (present only then).
 */
export const fullQuantityTiersStepSchema = z.strictObject({
  kind: z.literal("full_quantity_tiers"),
  full: amountTextSchema,
  quantity: amountTextSchema,
  before: amountTextSchema,
  flatFees: amountTextSchema,
  unitPrice: z.optional(amountTextSchema),
  amount: amountTextSchema,
});
export type FullQuantityTiersStep = z.output<typeof fullQuantityTiersStepSchema>;
