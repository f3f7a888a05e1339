import * as z from "zod/mini";
import { amountTextSchema } from "../../../schema/index.js";

/** The lowest tier whose limits the measured meters hold, and its amount. */
export const capacityStepSchema = z.strictObject({
  kind: z.literal("capacity"),
  tier: z.number().check(z.int(), z.positive()),
  limits: z.array(z.strictObject({ meter: z.string(), quantity: amountTextSchema, max: amountTextSchema })),
  amount: amountTextSchema,
});
export type CapacityStep = z.output<typeof capacityStepSchema>;

/** Every kind of step a capacity price writes. */
export const capacityStepSchemas = [capacityStepSchema] as const;
