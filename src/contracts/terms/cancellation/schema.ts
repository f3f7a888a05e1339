import * as z from "zod/mini";
import { termBoundarySchema } from "../../termBoundary.js";

/**
 * A cancellation as a dated event: requested on one date, effective on another. `effective` ends the
 * billing as a term end does (the last period is cut there and its fees prorated); `requested` is
 * informative (notice periods are the customer's and the contract's business) and is printed with it.
 */
export const cancellationSchema = z
  .optional(z.strictObject({ requested: termBoundarySchema, effective: termBoundarySchema }))
  .check(
    z.describe(
      "A cancellation: requested on one date, effective on another. The effective date ends the billing as term.end does (the earlier of the two wins); the requested date is recorded on the last invoice (docs/time-rules.md).",
    ),
  );
