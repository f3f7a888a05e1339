import * as z from "zod/mini";
import { PRORATION_BASES } from "../../time/index.js";
import { amountTextSchema } from "../amountText.js";

/** A fee for part of a billing period: the amount so far × elapsed ÷ total. */
export const prorationStepSchema = z.strictObject({
  kind: z.literal("proration"),
  basis: z.enum(PRORATION_BASES),
  elapsed: amountTextSchema,
  total: amountTextSchema,
  before: amountTextSchema,
  amount: amountTextSchema,
});
export type ProrationStep = z.output<typeof prorationStepSchema>;
