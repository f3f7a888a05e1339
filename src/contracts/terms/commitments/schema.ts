import * as z from "zod/mini";
import { contractMessages } from "../../../errors/index.js";
import { toPlainString } from "../../../money/index.js";
import {
  idSchema,
  issueOf,
  localDateSchema,
  positiveMoneyAmountSchema,
  positiveRatioSchema,
} from "../../../schema/index.js";

/**
 * A dated change of a commitment: from `effective` (local midnight in the contract's zone) the minimum
 * and/or maximum given replace the ones before; a limit not given stays as it was.
 */
export const commitmentChangeSchema = z.strictObject({
  effective: localDateSchema,
  minimum: z.optional(positiveMoneyAmountSchema),
  maximum: z.optional(positiveMoneyAmountSchema),
});
export type CommitmentChangeTerms = z.output<typeof commitmentChangeSchema>;

/**
 * A commitment period longer than the billing period (an annual commitment billed monthly): the minimum
 * is owed once over [from, until), local dates in the contract's zone, by the spend of every invoice in
 * it together. Each invoice bills its spend up to what remains of the minimum at list price and the
 * rest at the overage factor; the invoice that closes the period bills the shortfall (Flexprice's
 * cumulative commitment). docs/commitment-periods.md.
 */
export const cumulativeCommitmentSchema = z.strictObject({
  from: localDateSchema,
  until: localDateSchema,
  trueUp: z
    .optional(z.boolean())
    .check(
      z.describe(
        "Bill the shortfall on the invoice that closes the period (default true); false: the minimum only decides where the overage starts.",
      ),
    ),
});
export type CumulativeCommitmentTerms = z.output<typeof cumulativeCommitmentSchema>;

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
    changes: z
      .optional(z.array(commitmentChangeSchema).check(z.minLength(1)))
      .check(
        z.describe(
          "Dated changes of the minimum or maximum, in date order (a minimum raised mid-term). A period a change cuts owes each limit pro rata: Σ limit × its part of the billing period, rounded once (docs/contracts.md, step 7).",
        ),
      ),
    cumulative: z
      .optional(cumulativeCommitmentSchema)
      .check(
        z.describe(
          "The minimum is owed once over these dates by the spend of all their invoices, not per billing period (default: per billing period). Each invoice after the first needs the spend of the earlier ones (commitmentSpendToDate, --commitment-spend).",
        ),
      ),
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
      checkChanges(ctx, commitment);
      checkCumulative(ctx, commitment);
    }),
  );
export type CommitmentTerms = z.output<typeof commitmentSchema>;

// The fields the cross-field checks read, as the schema's refinement sees them.
interface CheckedCommitment {
  readonly minimum?: CommitmentChangeTerms["minimum"];
  readonly maximum?: CommitmentChangeTerms["maximum"];
  readonly changes?: ReadonlyArray<CommitmentChangeTerms> | undefined;
  readonly cumulative?: CumulativeCommitmentTerms | undefined;
}

// Each change: after the one before, states a limit, and only a limit the commitment has; the minimum
// in force never exceeds the maximum in force.
function checkChanges(ctx: z.core.$RefinementCtx, commitment: CheckedCommitment): void {
  let { minimum, maximum } = commitment;
  let previous: string | undefined;
  commitment.changes?.forEach((change, index) => {
    const path = (field: string) => ["changes", index, field];
    if (previous !== undefined && change.effective <= previous)
      ctx.addIssue(issueOf(contractMessages.changeNotAfterPrevious(previous), path("effective")));
    previous = change.effective;
    if (change.minimum === undefined && change.maximum === undefined)
      ctx.addIssue(issueOf(contractMessages.commitmentChangeEmpty(), path("minimum")));
    for (const limit of ["minimum", "maximum"] as const) {
      if (change[limit] !== undefined && commitment[limit] === undefined)
        ctx.addIssue(issueOf(contractMessages.commitmentChangeNewLimit(limit), path(limit)));
    }
    minimum = change.minimum ?? minimum;
    maximum = change.maximum ?? maximum;
    if (minimum !== undefined && maximum !== undefined && minimum.greaterThan(maximum))
      ctx.addIssue(
        issueOf(
          contractMessages.commitmentMaximumBelowMinimum(),
          path(change.maximum ? "maximum" : "minimum"),
        ),
      );
  });
}

// A cumulative commitment owes one minimum over its dates: it needs a minimum and dates in order, and
// takes no maximum or dated changes (a cap or a change over several invoices is not built).
function checkCumulative(ctx: z.core.$RefinementCtx, commitment: CheckedCommitment): void {
  const { cumulative } = commitment;
  if (cumulative === undefined) return;
  if (cumulative.until <= cumulative.from)
    ctx.addIssue(issueOf(contractMessages.endNotAfterStart("from"), ["cumulative", "until"]));
  if (commitment.minimum === undefined)
    ctx.addIssue(issueOf(contractMessages.cumulativeWithoutMinimum(), ["minimum"]));
  for (const field of ["maximum", "changes"] as const) {
    if (commitment[field] !== undefined)
      ctx.addIssue(issueOf(contractMessages.cumulativeRefuses(field), [field]));
  }
}
