import * as z from "zod/mini";
import { amountTextSchema } from "../../../schema/index.js";

/** The fee of the period. */
export const flatStepSchema = z.strictObject({ kind: z.literal("flat"), amount: amountTextSchema });
export type FlatStep = z.output<typeof flatStepSchema>;

/** Every kind of step a flat price writes. */
export const flatStepSchemas = [flatStepSchema] as const;
