import * as z from "zod/mini";
import { contractMessages } from "../../../errors/index.js";
import { dimensionValueSchema, priceSchema } from "../../../pricing/index.js";
import { idSchema, issueOf, localDateSchema, nonNegativeRatioSchema } from "../../../schema/index.js";

/** A customer-specific change to one charge's price, from a date: a replacement price or a multiplier. */
export const overrideSchema = z
  .strictObject({
    id: idSchema,
    charge: idSchema,
    /** Local date from which the override applies (default: the term start). */
    from: z.optional(localDateSchema),
    /** Multiplies every money amount of the charge's price (0.8 = 20 % off the list price). */
    multiplier: z.optional(nonNegativeRatioSchema),
    /** Replaces the charge's price. */
    price: z.optional(priceSchema),
    where: z
      .optional(
        z.record(z.string().check(z.minLength(1)), dimensionValueSchema).check(
          z.refine((where) => Object.keys(where).length > 0, {
            message: "must name at least one dimension, or be left out to override the whole charge",
          }),
        ),
      )
      .check(
        z.describe(
          'Only the groups (lines) of a grouped or matrix charge whose values match every key, e.g. { "region": "eu" }; the multiplier or price then applies to that group\'s price.',
        ),
      ),
  })
  .check(
    z.superRefine((override, ctx) => {
      if ((override.multiplier === undefined) === (override.price === undefined))
        ctx.addIssue(issueOf(contractMessages.overrideMultiplierOrPrice(), ["multiplier"]));
    }),
  );
