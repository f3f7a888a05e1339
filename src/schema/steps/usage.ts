import * as z from "zod/mini";
import { amountTextSchema } from "../amountText.js";
import { computationSchema } from "../computation.js";

/** What the charge's meter measured: its events and quantity, and how, when it did more than add up. */
export const usageStepSchema = z.strictObject({
  kind: z.literal("usage"),
  meter: z.string(),
  aggregation: z.string(),
  events: z.number().check(z.int(), z.nonnegative()),
  quantity: amountTextSchema,
  /** The meter's unit (the line's `unit` is the billable quantity's, which a transform may change). */
  unit: z.optional(z.string()),
  unitSingular: z.optional(z.string()),
  computation: z.optional(computationSchema),
  /** How each event's value is computed, for a meter with a value expression ("memory_gb × duration_s"). */
  value: z.optional(z.string()),
  /**
   * For a meter with a filter on a computed value, the condition each counted event met
   * ("input_tokens + cached_input_tokens > 200000": a long-context request).
   */
  where: z.optional(z.string()),
  /**
   * The quantity as numerator ÷ denominator in lowest terms, when it is a quotient that does not end and
   * both are short enough to read (at most 30 digits each): 1 ÷ 3 for an average of 1, 0 and 0 GB, which
   * `quantity` can only show to 50 digits. Priced as that fraction (docs/meters.md, "Quotients").
   */
  fraction: z.optional(z.strictObject({ numerator: amountTextSchema, denominator: amountTextSchema })),
});
export type UsageStep = z.output<typeof usageStepSchema>;
