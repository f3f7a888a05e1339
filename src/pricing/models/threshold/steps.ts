import * as z from "zod/mini";
import { amountTextSchema, nullableAmountTextSchema } from "../../../schema/index.js";

/** The band the quantity falls in, and the amount it costs. */
export const thresholdStepSchema = z.strictObject({
  kind: z.literal("threshold"),
  band: z.number().check(z.int(), z.positive()),
  from: amountTextSchema,
  upTo: nullableAmountTextSchema,
  quantity: amountTextSchema,
  amount: amountTextSchema,
});
export type ThresholdStep = z.output<typeof thresholdStepSchema>;

/** Every kind of step a threshold price writes. */
export const thresholdStepSchemas = [thresholdStepSchema] as const;
