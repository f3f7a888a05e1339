import * as z from "zod/mini";
import { amountTextSchema } from "../schema/index.js";

/**
 * How the projection carried a line to the period's end: `linear` (its usage so far, continued at the
 * same rate per second), `held` (a quantity that is not a running sum — a peak, a level, a distinct
 * count, a percentile, per-event values — stays as it is), `not_metered` (a fee, whole already, or a
 * commitment's line worked out again from the projected lines).
 */
export const PROJECTION_METHODS = ["linear", "held", "not_metered"] as const;
export type ProjectionMethod = (typeof PROJECTION_METHODS)[number];

/**
 * What marks an invoice as a preview of an open period: the instant it was cut at, the elapsed share
 * of the period, and the projection to the period's end, kept apart from the billed-so-far lines
 * (docs/preview.md).
 */
export const invoicePreviewSchema = z.strictObject({
  /** Events at or after this instant are excluded (`usage.excluded`, reason `after_as_of`). */
  asOf: z.string(),
  /** Seconds of the invoice period before `asOf`, and in all. */
  elapsedSeconds: amountTextSchema,
  periodSeconds: amountTextSchema,
  /** Projected, not billed: the invoice the period would close with if usage continued as so far. */
  projection: z.strictObject({
    method: z.literal("linear_in_elapsed_time"),
    lines: z.array(
      z.strictObject({
        line: z.string(),
        method: z.enum(PROJECTION_METHODS),
        quantity: amountTextSchema,
        /** The line's amount in the preview (0 for a line only the projection has). */
        soFar: amountTextSchema,
        projected: amountTextSchema,
      }),
    ),
    subtotal: amountTextSchema,
    total: amountTextSchema,
    amountDue: z.optional(amountTextSchema),
  }),
});
export type InvoicePreview = z.output<typeof invoicePreviewSchema>;
