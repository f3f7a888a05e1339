import * as z from "zod/mini";

/**
 * How usage that arrives after a period's invoice was issued is billed (docs/late-usage.md):
 * `next_invoice` (default, as Kill Bill and Zuora do) books delta lines on a later invoice and leaves the
 * issued one alone; `credit_note` credits the issued invoice in full and re-issues it.
 */
export const LATE_USAGE_CORRECTIONS = ["next_invoice", "credit_note"] as const;
export type LateUsageCorrection = (typeof LATE_USAGE_CORRECTIONS)[number];

/** The late-usage setting as a contract writes it. */
export const lateUsageSchema = z.strictObject({
  correction: z
    .optional(z.enum(LATE_USAGE_CORRECTIONS))
    .check(
      z.describe(
        '"next_invoice" (default): delta lines on a later invoice; "credit_note": credit and re-issue.',
      ),
    ),
  lookBackPeriods: z
    .optional(z.number().check(z.int(), z.gte(0), z.lte(120)))
    .check(
      z.describe(
        "How many billing periods back a correction may reach from the period it is billed in (default 2).",
      ),
    ),
});
export type LateUsageTerms = z.output<typeof lateUsageSchema>;
