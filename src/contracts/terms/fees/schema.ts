import * as z from "zod/mini";
import { termBoundarySchema } from "../../termBoundary.js";

/** A free trial from the term start: fees are not billed until it ends (docs/contracts.md, step 0). */
export const trialSchema = z
  .optional(z.strictObject({ end: termBoundarySchema }))
  .check(
    z.describe(
      "A free trial from the term start until `end`: fees (flat prices and contract quantities) are not billed for that time; usage is (as Lago).",
    ),
  );
