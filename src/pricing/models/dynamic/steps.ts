import * as z from "zod/mini";
import { amountTextSchema } from "../../../schema/index.js";

/** The events' own amounts, summed, × the multiplier. */
export const dynamicStepSchema = z.strictObject({
  kind: z.literal("dynamic"),
  eventAmounts: amountTextSchema,
  multiplier: amountTextSchema,
  amount: amountTextSchema,
});
export type DynamicStep = z.output<typeof dynamicStepSchema>;

/** Every kind of step a dynamic price writes. */
export const dynamicStepSchemas = [dynamicStepSchema] as const;
