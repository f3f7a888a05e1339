import * as z from "zod/mini";
import { idSchema, quantitySchema } from "../../../schema/index.js";

/**
 * An allowance pool: a free quantity per billing period shared by several charges (one free tier for
 * the account across regions or projects, as Azure and Supabase bill it). It is drawn after each
 * charge's own transform, charge by charge in the listed order and, within a charge, line by line in
 * line-id order; it is not carried over and not prorated. docs/contracts.md, step 1.
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
  })
  .check(
    z.describe(
      "A free quantity per billing period shared by the listed charges, drawn in their order (not carried over, not prorated).",
    ),
  );
export type AllowanceTerms = z.output<typeof allowanceSchema>;
