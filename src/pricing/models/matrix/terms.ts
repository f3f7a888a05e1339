import * as z from "zod/mini";
import { cellCombinationRepeated, cellDimensionsDiffer } from "../../../errors/index.js";
import { issueOf } from "../../../schema/index.js";
import { dimensionsSchema, dimensionValueSchema } from "../../dimensions.js";
import type { SimplePriceSchema } from "../../registry.js";

/**
 * Builds the matrix schema around the schema of the prices its cells may use: the registry passes
 * the union of the single price models, so that union is defined once.
 */
export function matrixTermsSchemaOf<P extends z.ZodMiniType>(cellPrice: P) {
  return z
    .strictObject({
      model: z.literal("matrix"),
      dimensions: dimensionsSchema,
      cells: z.array(z.strictObject({ match: z.record(z.string(), dimensionValueSchema), price: cellPrice })),
      defaultPrice: z.optional(cellPrice).check(z.describe("Prices every combination no cell lists.")),
      onUnpriced: z
        .optional(z.enum(["error", "warn"]))
        .check(
          z.describe("Usage in a combination with no cell and no default: an error (default) or a warning."),
        ),
    })
    .check(
      z.superRefine((terms, ctx) => {
        const seen = new Map<string, number>();
        terms.cells.forEach((cell, index) => {
          const keys = Object.keys(cell.match).sort();
          if (keys.join("\u0000") !== [...terms.dimensions].sort().join("\u0000")) {
            ctx.addIssue(issueOf(cellDimensionsDiffer(terms.dimensions), ["cells", index, "match"]));
            return;
          }
          const key = JSON.stringify(terms.dimensions.map((dimension) => cell.match[dimension]));
          const first = seen.get(key);
          if (first !== undefined)
            ctx.addIssue(issueOf(cellCombinationRepeated(first), ["cells", index, "match"]));
          else seen.set(key, index);
        });
      }),
    );
}

/** The terms of a registered matrix price: its cells hold any single price. */
export type MatrixTerms = z.output<ReturnType<typeof matrixTermsSchemaOf<SimplePriceSchema>>>;
