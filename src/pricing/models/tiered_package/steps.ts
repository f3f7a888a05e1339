import * as z from "zod/mini";
import { amountTextSchema, nullableAmountTextSchema } from "../../../schema/index.js";

/** One tier's units in whole packages of the tier's size, at its package price. */
export const tierPackageStepSchema = z.strictObject({
  kind: z.literal("tier_package"),
  mode: z.enum(["graduated", "volume"]),
  tier: z.number().check(z.int(), z.positive()),
  from: amountTextSchema,
  upTo: nullableAmountTextSchema,
  quantity: amountTextSchema,
  packageSize: amountTextSchema,
  packages: amountTextSchema,
  packagePrice: amountTextSchema,
  amount: amountTextSchema,
});
export type TierPackageStep = z.output<typeof tierPackageStepSchema>;

/** Every kind of step a tiered package price writes. */
export const tieredPackageStepSchemas = [tierPackageStepSchema] as const;
