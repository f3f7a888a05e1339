import * as z from "zod/mini";
import { maximumPerEventBelowMinimum, percentageRateAmbiguous } from "../../../errors/index.js";
import { toPlainString } from "../../../money/index.js";
import {
  basisPointsSchema,
  issueOf,
  moneyAmountSchema,
  percentSchema,
  quantitySchema,
} from "../../../schema/index.js";

/**
 * A share of each transaction's amount, payments-style: `percent` (2.9) or `basisPoints` (290), plus
 * an optional fixed fee per transaction, min and max per transaction, and a free allowance of the
 * first `freeEvents` transactions and/or the first `freeAmount` of transaction value.
 */
export const percentageTermsSchema = z
  .strictObject({
    model: z.literal("percentage"),
    percent: z.optional(percentSchema).check(z.describe('The rate in percent: "2.9" is 2.9 %.')),
    basisPoints: z.optional(basisPointsSchema).check(z.describe('The rate in basis points: "290" is 2.9 %.')),
    fixedFee: z.optional(moneyAmountSchema).check(z.describe("Added to every transaction that is not free.")),
    minimumPerEvent: z.optional(moneyAmountSchema),
    maximumPerEvent: z.optional(moneyAmountSchema),
    freeEvents: z.optional(z.number().check(z.int(), z.nonnegative())),
    freeAmount: z.optional(quantitySchema),
  })
  .check(
    z.superRefine((terms, ctx) => {
      if ((terms.percent === undefined) === (terms.basisPoints === undefined)) {
        ctx.addIssue(issueOf(percentageRateAmbiguous(), ["percent"]));
      }
      if (
        terms.minimumPerEvent &&
        terms.maximumPerEvent &&
        terms.minimumPerEvent.greaterThan(terms.maximumPerEvent)
      ) {
        ctx.addIssue(
          issueOf(maximumPerEventBelowMinimum(toPlainString(terms.minimumPerEvent)), ["maximumPerEvent"]),
        );
      }
    }),
  );
export type PercentageTerms = z.output<typeof percentageTermsSchema>;
