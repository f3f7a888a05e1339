import { z } from "zod";
import { idSchema, positiveDecimalSchema, ratecardIssue } from "./primitives.js";

/**
 * A commitment: a minimum spend per billing period (a true-up line makes up the shortfall), a maximum
 * (the excess is taken off the lines), or both; on every charge or only the listed ones. Both are
 * prorated on a partial period. docs/contracts.md, step 7.
 */
export const commitmentSchema = z
  .strictObject({
    id: idSchema,
    name: z.string().min(1, { message: "must not be empty" }),
    minimum: positiveDecimalSchema.optional(),
    maximum: positiveDecimalSchema.optional(),
    charges: z
      .array(idSchema)
      .min(1)
      .optional()
      .meta({ description: "Only these charges (default: every charge)." }),
  })
  .superRefine((commitment, ctx) => {
    if (commitment.minimum === undefined && commitment.maximum === undefined)
      ctx.addIssue(ratecardIssue("missing_field", "give a minimum, a maximum or both", ["minimum"]));
    if (commitment.minimum && commitment.maximum && commitment.minimum.greaterThan(commitment.maximum))
      ctx.addIssue(ratecardIssue("invalid_field", "must not be below the minimum", ["maximum"]));
  });
export type CommitmentTerms = z.output<typeof commitmentSchema>;
