import * as z from "zod/mini";
import { amountTextSchema } from "../amountText.js";

/** A fee for part of a billing period: the amount so far × elapsed ÷ total. */
export const prorationStepSchema = z.strictObject({
  kind: z.literal("proration"),
  basis: z.enum(["second", "day"]),
  elapsed: amountTextSchema,
  total: amountTextSchema,
  before: amountTextSchema,
  amount: amountTextSchema,
});
export type ProrationStep = z.output<typeof prorationStepSchema>;
