import * as z from "zod/mini";
import { amountTextSchema } from "../amountText.js";

/** The line's minimum or maximum, or the floor at zero of a charge that is not a credit. */
export const lineLimitStepSchema = z.strictObject({
  kind: z.literal("line_limit"),
  /** `zero_floor`: a charge that is not a credit never bills a negative amount. */
  limit: z.enum(["minimum", "maximum", "zero_floor"]),
  /** The line's minimum or maximum for this line's period (prorated on a partial period). */
  value: amountTextSchema,
  before: amountTextSchema,
  amount: amountTextSchema,
});
export type LineLimitStep = z.output<typeof lineLimitStepSchema>;
