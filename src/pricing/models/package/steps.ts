import * as z from "zod/mini";
import { amountTextSchema } from "../../../schema/index.js";

/** The quantity in packages (a partial one rounded as the terms say) × the package price. */
export const packageStepSchema = z.strictObject({
  kind: z.literal("package"),
  quantity: amountTextSchema,
  packageSize: amountTextSchema,
  partialPackage: z.enum(["round_up", "round_down"]),
  packages: amountTextSchema,
  packagePrice: amountTextSchema,
  amount: amountTextSchema,
});
export type PackageStep = z.output<typeof packageStepSchema>;

/** Every kind of step a package price writes. */
export const packageStepSchemas = [packageStepSchema] as const;
