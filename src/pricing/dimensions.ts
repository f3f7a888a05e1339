import * as z from "zod/mini";

/** A value of a grouping dimension, as a matrix cell or an override's `where` names it. */
export const dimensionValueSchema = z.union([z.string(), z.number(), z.boolean()], {
  error: "expected a text, number or true/false value",
});

/** The dimensions a price groups events by: 1–8 distinct event property names. */
export const dimensionsSchema = z.array(z.string().check(z.minLength(1))).check(
  z.minLength(1, { message: "must name at least one event property" }),
  z.maxLength(8),
  z.refine((names) => new Set(names).size === names.length, { message: "must not repeat a property" }),
);
