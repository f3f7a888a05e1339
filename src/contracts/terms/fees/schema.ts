import * as z from "zod";
import { termBoundarySchema } from "../../termBoundary.js";

/** A free trial from the term start: fees are not billed until it ends (docs/contracts.md, step 0). */
export const trialSchema = z.strictObject({ end: termBoundarySchema }).optional().meta({
  description:
    "A free trial from the term start until `end`: fees (flat prices and contract quantities) are not billed for that time; usage is (as Lago).",
});
