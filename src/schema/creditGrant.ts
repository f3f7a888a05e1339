import { z } from "zod";
import { idSchema, positiveDecimalSchema, ratecardIssue } from "./primitives.js";

/**
 * A credit grant: money the customer can spend on the invoice. `promotional` credits and prepaid
 * credits taxed when they were bought (`taxed: "at_purchase"`) reduce the amount tax is charged on;
 * prepaid credits taxed when used (`taxed: "at_use"`, like a wallet or a customer balance) pay the
 * invoice after tax. Grants burn in order: priority (lower first), soonest expiry, oldest, then id.
 * docs/contracts.md, steps 8 and 11.
 */
export const creditGrantSchema = z
  .strictObject({
    id: idSchema,
    name: z.string().min(1, { message: "must not be empty" }),
    kind: z.enum(["promotional", "prepaid"]),
    taxed: z.enum(["at_purchase", "at_use"]).optional(),
    amount: positiveDecimalSchema,
    priority: z.number().int().nonnegative().optional(),
    effective: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    expires: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    charges: z.array(idSchema).min(1).optional(),
    /** The amount is granted afresh every billing period and unused credit does not roll over. */
    recurring: z.boolean().optional(),
  })
  .superRefine((grant, ctx) => {
    if (grant.kind === "prepaid" && grant.taxed === undefined)
      ctx.addIssue(
        ratecardIssue(
          "missing_field",
          'a prepaid credit must say when it was taxed: "at_purchase" (it reduces the taxed amount) or "at_use" (it pays the invoice after tax)',
          ["taxed"],
        ),
      );
    if (grant.kind === "promotional" && grant.taxed !== undefined)
      ctx.addIssue(
        ratecardIssue("invalid_field", "a promotional credit is never taxed; remove taxed", ["taxed"]),
      );
    if (grant.taxed === "at_use" && grant.charges !== undefined)
      ctx.addIssue(
        ratecardIssue("invalid_field", "a credit used after tax pays the whole invoice; remove charges", [
          "charges",
        ]),
      );
    if (grant.recurring === true && grant.kind !== "promotional")
      ctx.addIssue(
        ratecardIssue(
          "invalid_field",
          "only a promotional credit recurs each period (prepaid money carries over)",
          ["recurring"],
        ),
      );
    if (grant.effective !== undefined && grant.expires !== undefined && grant.expires <= grant.effective)
      ctx.addIssue(ratecardIssue("invalid_field", "must be after effective", ["expires"]));
  });
export type CreditGrantTerms = z.output<typeof creditGrantSchema>;
