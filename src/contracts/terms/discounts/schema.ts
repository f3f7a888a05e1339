import * as z from "zod/mini";
import { contractMessages } from "../../../errors/index.js";
import {
  idSchema,
  issueOf,
  localDateSchema,
  positiveMoneyAmountSchema,
  positivePercentSchema,
} from "../../../schema/index.js";
import { chargeSelectorFields } from "../../charge/chargeSelectors.js";

/**
 * A discount: a percentage or a fixed amount, on selected charges (a line discount) or on the whole
 * invoice, for the first `periods` billing periods of the term and/or between two dates (pro rata
 * on a period the dates cut, or, with `partialPeriod: "days_covered"`, on what the days they cover
 * billed). docs/contracts.md, steps 5 and 6.
 */
export const discountSchema = z
  .strictObject({
    id: idSchema,
    name: z.string().check(z.minLength(1, { message: "must not be empty" })),
    percent: z.optional(positivePercentSchema),
    amount: z
      .optional(positiveMoneyAmountSchema)
      .check(z.describe("A fixed amount per billing period (prorated).")),
    charges: z
      .optional(z.array(idSchema).check(z.minLength(1)))
      .check(z.describe("Only these charges (default: every charge).")),
    ...chargeSelectorFields,
    periods: z
      .optional(z.number().check(z.int(), z.positive()))
      .check(z.describe("Only the first N billing periods of the term.")),
    from: z
      .optional(localDateSchema)
      .check(
        z.describe(
          "First day in force (local midnight in the contract's zone). A period it cuts gets the discount pro rata: its percent or amount × the share of the period from this date.",
        ),
      ),
    until: z
      .optional(localDateSchema)
      .check(
        z.describe(
          "First day no longer in force (local midnight). A period it cuts gets the discount pro rata: its percent or amount × the share of the period before this date.",
        ),
      ),
    partialPeriod: z
      .optional(z.enum(["period_share", "days_covered"]))
      .check(
        z.describe(
          'How a period that from/until cut is discounted. "period_share" (default): the percent or amount × the share of the period in force, on the whole of each line. "days_covered": only the part of each line billed for the days in force: usage rated on those days\' events, a fee by its share of those days; a fixed amount is capped at that part.',
        ),
      ),
  })
  .check(
    z.superRefine((discount, ctx) => {
      if (discount.partialPeriod !== undefined && discount.from === undefined && discount.until === undefined)
        ctx.addIssue(issueOf(contractMessages.partialPeriodWithoutDates(), ["partialPeriod"]));
      if ((discount.percent === undefined) === (discount.amount === undefined))
        ctx.addIssue(issueOf(contractMessages.discountPercentOrAmount(), ["percent"]));
      if (discount.from !== undefined && discount.until !== undefined && discount.until <= discount.from)
        ctx.addIssue(issueOf(contractMessages.endNotAfterStart("from"), ["until"]));
    }),
  );
export type DiscountTerms = z.output<typeof discountSchema>;
