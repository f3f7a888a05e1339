import * as z from "zod/mini";
import { sizeSchema, unitPriceSchema } from "../../../schema/index.js";

/** A price per block of `packageSize` units (requests per 10,000); a partial block rounds up by default. */
export const packageTermsSchema = z.strictObject({
  model: z.literal("package"),
  packageSize: sizeSchema,
  packagePrice: unitPriceSchema,
  partialPackage: z
    .optional(z.enum(["round_up", "round_down"]))
    .check(
      z.describe("How a partial package bills: round_up (default, as Orb, Lago, OpenMeter) or round_down."),
    ),
});
export type PackageTerms = z.output<typeof packageTermsSchema>;
