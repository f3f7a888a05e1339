import * as z from "zod/mini";
import { unitPriceSchema } from "../../../schema/index.js";

/** Every unit at the same price; sub-minor prices such as "0.0000025" are exact. */
export const unitTermsSchema = z.strictObject({
  model: z.literal("unit"),
  unitPrice: unitPriceSchema,
});
export type UnitTerms = z.output<typeof unitTermsSchema>;
