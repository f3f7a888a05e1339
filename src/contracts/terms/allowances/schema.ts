import * as z from "zod/mini";
import { contractMessages } from "../../../errors/index.js";
import { idSchema, issueOf, localDateSchema, quantitySchema } from "../../../schema/index.js";

/**
 * A dated resize of an allowance pool: from `effective` (local midnight in the contract's zone) the
 * pool holds `quantity` per billing period instead of the size before (the shape of a commitment's
 * `changes`, with the pool's own field).
 */
export const allowanceChangeSchema = z.strictObject({
  effective: localDateSchema,
  quantity: quantitySchema,
});
export type AllowanceChangeTerms = z.output<typeof allowanceChangeSchema>;

/**
 * A pool that grows with what a meter counts in the period: `quantity` more for each unit of `meter`
 * (Linode pools 1 TB of transfer for each instance-month its Linodes ran: a `weighted_sum` meter of
 * instances running gives the instance-months).
 */
export const allowanceGrowthSchema = z.strictObject({
  meter: idSchema,
  quantity: quantitySchema.check(
    z.describe("The pool's quantity added for each unit the meter counts in the period."),
  ),
});
export type AllowanceGrowthTerms = z.output<typeof allowanceGrowthSchema>;

/**
 * An allowance pool: a free quantity per billing period shared by several charges (one free tier for
 * the account across regions or projects, as Azure and Supabase bill it). It is drawn after each
 * charge's own transform, charge by charge in the listed order and, within a charge, line by line in
 * line-id order; it is not carried over and not prorated. `changes` resize it on dates: a period a
 * resize cuts holds the sizes weighted by the days each was in force. docs/contracts.md, step 1.
 */
export const allowanceSchema = z
  .strictObject({
    id: idSchema,
    name: z.string().check(z.minLength(1, { message: "must not be empty" })),
    quantity: quantitySchema.check(
      z.describe(
        "The free quantity per billing period, in the charges' billable unit (after divideBy and each charge's own included).",
      ),
    ),
    charges: z
      .array(idSchema)
      .check(
        z.minLength(1, { message: "must list at least one charge" }),
        z.describe("The charges that draw from the pool, in draw order."),
      ),
    changes: z
      .optional(z.array(allowanceChangeSchema).check(z.minLength(1)))
      .check(
        z.describe(
          "Dated resizes of the pool, in date order. A period a resize cuts holds Σ sizeᵢ × its part of the period ÷ the period, rounded half up to the decimals the sizes are written with (docs/contracts.md, step 1).",
        ),
      ),
    growsWith: z
      .optional(allowanceGrowthSchema)
      .check(
        z.describe(
          "The pool grows by `quantity` for each unit `meter` counts in the period (its whole-period quantity), the product rounded half up to the decimals the pool's sizes are written with, then added to the size in force (docs/contracts.md, step 1).",
        ),
      ),
  })
  .check(
    z.superRefine((pool, ctx) => {
      let previous: string | undefined;
      pool.changes?.forEach((change, index) => {
        if (previous !== undefined && change.effective <= previous)
          ctx.addIssue(
            issueOf(contractMessages.changeNotAfterPrevious(previous), ["changes", index, "effective"]),
          );
        previous = change.effective;
      });
    }),
    z.describe(
      "A free quantity per billing period shared by the listed charges, drawn in their order (not carried over, not prorated).",
    ),
  );
export type AllowanceTerms = z.output<typeof allowanceSchema>;
