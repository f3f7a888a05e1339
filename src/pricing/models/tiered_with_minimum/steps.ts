import * as z from "zod/mini";
import { amountTextSchema } from "../../../schema/index.js";
import type { StepOf } from "../../priceModel.js";
import { tierStepSchemaOf } from "../../tierSteps.js";

/** The top-up of the tiers' amount to the minimum of the highest tier reached. */
export const tierMinimumStepSchema = z.strictObject({
  kind: z.literal("tier_minimum"),
  tier: z.number().check(z.int(), z.positive()),
  minimum: amountTextSchema,
  before: amountTextSchema,
  amount: amountTextSchema,
});
export type TierMinimumStep = z.output<typeof tierMinimumStepSchema>;

/** Every kind of step a tiered price with minimum writes: its tiers, and the top-up when one applies. */
export const tieredWithMinimumStepSchemas = [
  tierStepSchemaOf("tiered_with_minimum"),
  tierMinimumStepSchema,
] as const;

/** A step this price writes. */
export type TieredWithMinimumStep = StepOf<typeof tieredWithMinimumStepSchemas>;
