import * as z from "zod/mini";
import { unitPriceSchema } from "../../../schema/index.js";
import { perUnitsSchema } from "../../perUnitsSchema.js";

/**
 * Every unit at the same price; sub-minor prices such as "0.0000025" are exact. With `per`, the price is
 * quoted for that many units, as price lists print it ("0.30" per "1000000" requests).
 */
export const unitTermsSchema = z.strictObject({
  model: z.literal("unit"),
  unitPrice: unitPriceSchema,
  per: z
    .optional(perUnitsSchema)
    .check(
      z.describe(
        'The number of units unitPrice is quoted for, a power of ten: "0.30" per "1000000" requests. Default 1.',
      ),
    ),
});
export type UnitTerms = z.output<typeof unitTermsSchema>;
