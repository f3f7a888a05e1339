import * as z from "zod/mini";
import { amountTextSchema } from "../../../schema/index.js";

/** quantity × unitPrice; a price quoted per N units also shows the quoted price and N. */
export const unitStepSchema = z.strictObject({
  kind: z.literal("unit"),
  quantity: amountTextSchema,
  unitPrice: amountTextSchema,
  amount: amountTextSchema,
  /** The price as the contract quotes it, for `per` units ("0.30" per "1000000"); unitPrice is per one unit. */
  quotedPrice: z.optional(amountTextSchema),
  per: z.optional(amountTextSchema),
});
export type UnitStep = z.output<typeof unitStepSchema>;

/** Every kind of step a unit price writes. */
export const unitStepSchemas = [unitStepSchema] as const;
