import { z } from "zod";
import { idSchema, positiveDecimalSchema, ratecardIssue } from "./primitives.js";

/**
 * A discount: a percentage or a fixed amount, on selected charges (a line discount) or on the whole
 * invoice, for the first `periods` billing periods of the term and/or between two dates.
 * docs/contracts.md, steps 5 and 6.
 */
export const discountSchema = z
  .strictObject({
    id: idSchema,
    name: z.string().min(1, { message: "must not be empty" }),
    percent: positiveDecimalSchema
      .refine((percent) => percent.lessThanOrEqualTo(100), { message: "must be at most 100" })
      .optional(),
    amount: positiveDecimalSchema
      .optional()
      .meta({ description: "A fixed amount per billing period (prorated)." }),
    charges: z
      .array(idSchema)
      .min(1)
      .optional()
      .meta({ description: "Only these charges (default: every charge)." }),
    periods: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: "Only the first N billing periods of the term." }),
    from: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    until: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  })
  .superRefine((discount, ctx) => {
    if ((discount.percent === undefined) === (discount.amount === undefined))
      ctx.addIssue(ratecardIssue("invalid_field", "give exactly one of percent or amount", ["percent"]));
    if (discount.from !== undefined && discount.until !== undefined && discount.until <= discount.from)
      ctx.addIssue(ratecardIssue("invalid_field", "must be after from", ["until"]));
  });
export type DiscountTerms = z.output<typeof discountSchema>;
