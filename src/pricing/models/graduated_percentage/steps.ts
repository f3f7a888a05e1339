import type { StepOf } from "../../priceModel.js";
import { tierFlatFeeStepSchema, tierStepSchemaOf } from "../../tierSteps.js";

/**
 * Every kind of step a graduated percentage writes: one tier step per reached tier of the amount (its
 * `unitPrice` is the rate as a fraction), and their flat fees.
 */
export const graduatedPercentageStepSchemas = [
  tierStepSchemaOf("graduated_percentage"),
  tierFlatFeeStepSchema,
] as const;

/** A step this price writes. */
export type GraduatedPercentageStep = StepOf<typeof graduatedPercentageStepSchemas>;
