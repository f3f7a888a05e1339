import * as z from "zod/mini";
import { contractMessages } from "../../../errors/index.js";
import { idSchema, issueOf, localDateSchema, percentSchema } from "../../../schema/index.js";

/**
 * One tax rate: a percentage, on every charge or only on the listed ones, from `from` until `until`
 * when dated (a rate that changes on a date is two rates, one ending and one starting that day).
 */
export const taxRateSchema = z.strictObject({
  id: idSchema,
  name: z.string().check(z.minLength(1, { message: "must not be empty" })),
  percent: percentSchema,
  charges: z
    .optional(z.array(idSchema).check(z.minLength(1)))
    .check(z.describe("Only these charges (default: every charge).")),
  from: z
    .optional(localDateSchema)
    .check(
      z.describe(
        "First day the rate applies (local midnight in the contract's zone). A line whose service period it cuts pays the rate on the share of the period from this date (docs/tax.md, rates that change on a date).",
      ),
    ),
  until: z
    .optional(localDateSchema)
    .check(
      z.describe(
        "First day the rate no longer applies (local midnight). A line whose service period it cuts pays the rate on the share of the period before this date.",
      ),
    ),
});
export type TaxRateTerms = z.output<typeof taxRateSchema>;

/**
 * Tax on the invoice. `exclusive`: the line amounts are net and tax is added on top; `inclusive`: the
 * line amounts are gross and each is split into net + tax exactly. `rounding`: `per_line` rounds each
 * line's tax (Stripe), `per_invoice` adds the unrounded taxes per rate and rounds once (Lago).
 * An exempt customer, or a reverse-charge supply, pays no tax and the invoice says why.
 */
export const taxSchema = z
  .strictObject({
    mode: z.enum(["exclusive", "inclusive"]),
    rounding: z.optional(z.enum(["per_line", "per_invoice"])),
    rates: z.array(taxRateSchema).check(z.minLength(1, { message: "must list at least one rate" })),
    exempt: z.optional(z.strictObject({ reason: z.string().check(z.minLength(1)) })),
    reverseCharge: z.optional(z.strictObject({ note: z.string().check(z.minLength(1)) })),
  })
  .check(
    z.superRefine((tax, ctx) => {
      const seen = new Set<string>();
      tax.rates.forEach((rate, index) => {
        if (seen.has(rate.id))
          ctx.addIssue(issueOf(contractMessages.repeatedTermId("rate", rate.id), ["rates", index, "id"]));
        seen.add(rate.id);
        if (rate.from !== undefined && rate.until !== undefined && rate.until <= rate.from)
          ctx.addIssue(issueOf(contractMessages.endNotAfterStart("from"), ["rates", index, "until"]));
      });
      if (tax.exempt !== undefined && tax.reverseCharge !== undefined)
        ctx.addIssue(issueOf(contractMessages.exemptAndReverseCharge(), ["reverseCharge"]));
    }),
  );
export type TaxTerms = z.output<typeof taxSchema>;
