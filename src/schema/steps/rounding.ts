import * as z from "zod/mini";
import { amountTextSchema } from "../amountText.js";

/** The line's exact amount rounded once to the currency's minor unit: the line amount. */
export const roundingStepSchema = z.strictObject({
  kind: z.literal("rounding"),
  mode: z.string(),
  minorUnits: z.number().check(z.int(), z.nonnegative()),
  before: amountTextSchema,
  amount: amountTextSchema,
});
export type RoundingStep = z.output<typeof roundingStepSchema>;
