import * as z from "zod/mini";
import { amountTextSchema } from "../amountText.js";

export const unusedTimeStepSchema = z.strictObject({
  /** Credit for the part of a fee billed in advance that the change at `from` left unused. */
  kind: z.literal("unused_time"),
  from: z.string(),
  to: z.string(),
  before: amountTextSchema,
  amount: amountTextSchema,
});
export type UnusedTimeStep = z.output<typeof unusedTimeStepSchema>;
