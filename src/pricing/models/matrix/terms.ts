import { z } from "zod";
import { ratecardIssue } from "../primitives.js";

/** A value of a grouping dimension, as a matrix cell or an override's `where` names it. */
export const dimensionValueSchema = z.union([z.string(), z.number(), z.boolean()], {
  error: "expected a text, number or true/false value",
});

/** The dimensions of a grouped or matrix price: 1–8 distinct event property names. */
export const dimensionsSchema = z
  .array(z.string().min(1))
  .min(1, { message: "must name at least one event property" })
  .max(8)
  .refine((names) => new Set(names).size === names.length, { message: "must not repeat a property" });

/**
 * Builds the matrix schema around the schema of the prices its cells may use (passed in, so the
 * cell prices and the top-level union are defined once, in price.ts).
 */
export function matrixTermsSchemaOf<P extends z.ZodType>(cellPrice: P) {
  return z
    .strictObject({
      model: z.literal("matrix"),
      dimensions: dimensionsSchema,
      cells: z.array(z.strictObject({ match: z.record(z.string(), dimensionValueSchema), price: cellPrice })),
      defaultPrice: cellPrice.optional().meta({ description: "Prices every combination no cell lists." }),
      onUnpriced: z.enum(["error", "warn"]).optional().meta({
        description: "Usage in a combination with no cell and no default: an error (default) or a warning.",
      }),
    })
    .superRefine((terms, ctx) => {
      const seen = new Map<string, number>();
      terms.cells.forEach((cell, index) => {
        const keys = Object.keys(cell.match).sort();
        if (keys.join("\u0000") !== [...terms.dimensions].sort().join("\u0000")) {
          ctx.addIssue(
            ratecardIssue(
              "invalid_field",
              `must give a value for exactly the dimensions ${terms.dimensions.join(", ")}`,
              ["cells", index, "match"],
            ),
          );
          return;
        }
        const key = JSON.stringify(terms.dimensions.map((dimension) => cell.match[dimension]));
        const first = seen.get(key);
        if (first !== undefined)
          ctx.addIssue(
            ratecardIssue("duplicate_id", `repeats the combination of cells[${first}]`, [
              "cells",
              index,
              "match",
            ]),
          );
        else seen.set(key, index);
      });
    });
}

/** Builds the grouped schema: one price applied independently per value of the grouping properties. */
export function groupedTermsSchemaOf<P extends z.ZodType>(groupPrice: P) {
  return z.strictObject({
    model: z.literal("grouped"),
    groupBy: dimensionsSchema,
    price: groupPrice,
  });
}
