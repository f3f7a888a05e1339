import * as z from "zod/mini";
import { amountTextSchema } from "../../../schema/index.js";

/** quantity × unitPrice. */
export const unitStepSchema = z.strictObject({
  kind: z.literal("unit"),
  quantity: amountTextSchema,
  unitPrice: amountTextSchema,
  amount: amountTextSchema,
});
export type UnitStep = z.output<typeof unitStepSchema>;

/** Every kind of step a unit price writes. */
export const unitStepSchemas = [unitStepSchema] as const;
