import * as z from "zod/mini";
import { contractMessages } from "../../../errors/index.js";
import { toPlainString } from "../../../money/index.js";
import { idSchema, issueOf, positiveMoneyAmountSchema, positiveRatioSchema } from "../../../schema/index.js";

/**
 * A commitment: a minimum spend per billing period (a true-up line makes up the shortfall), a maximum
 * (the excess is taken off the lines), or both; on every charge or only the listed ones. Both are
 * prorated on a partial period. With an overage factor, spend above the minimum is billed at that
 * factor (an overage line). docs/contracts.md, step 7.
 */
export const commitmentSchema = z
  .strictObject({
    id: idSchema,
    name: z.string().check(z.minLength(1, { message: "must not be empty" })),
    minimum: z.optional(positiveMoneyAmountSchema),
    maximum: z.optional(positiveMoneyAmountSchema),
    overageFactor: z
      .optional(positiveRatioSchema)
      .check(
        z.describe(
          'Spend above the minimum is billed at this many times its price (more than 1, e.g. "1.25"): an overage line adds (spend − minimum) × (factor − 1). Needs a minimum.',
        ),
      ),
    charges: z
      .optional(z.array(idSchema).check(z.minLength(1)))
      .check(z.describe("Only these charges (default: every charge).")),
  })
  .check(
    z.superRefine((commitment, ctx) => {
      if (commitment.minimum === undefined && commitment.maximum === undefined)
        ctx.addIssue(issueOf(contractMessages.commitmentLimitMissing(), ["minimum"]));
      if (commitment.minimum && commitment.maximum && commitment.minimum.greaterThan(commitment.maximum))
        ctx.addIssue(issueOf(contractMessages.commitmentMaximumBelowMinimum(), ["maximum"]));
      const factor = commitment.overageFactor;
      if (factor !== undefined && commitment.minimum === undefined)
        ctx.addIssue(issueOf(contractMessages.overageFactorWithoutMinimum(), ["overageFactor"]));
      if (factor !== undefined && !factor.greaterThan(1))
        ctx.addIssue(
          issueOf(contractMessages.overageFactorNotAboveOne(toPlainString(factor)), ["overageFactor"]),
        );
    }),
  );
export type CommitmentTerms = z.output<typeof commitmentSchema>;
