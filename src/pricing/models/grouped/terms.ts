import * as z from "zod/mini";
import { dimensionsSchema } from "../../dimensions.js";
import type { SimplePriceSchema } from "../../registry.js";

/** Builds the grouped schema: one price applied independently per value of the grouping properties. */
export function groupedTermsSchemaOf<P extends z.ZodMiniType>(groupPrice: P) {
  return z.strictObject({
    model: z.literal("grouped"),
    groupBy: dimensionsSchema,
    price: groupPrice,
  });
}

/** The terms of a registered grouped price: its groups are priced with any single price. */
export type GroupedTerms = z.output<ReturnType<typeof groupedTermsSchemaOf<SimplePriceSchema>>>;
