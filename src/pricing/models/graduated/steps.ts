import type { StepOf } from "../../priceModel.js";
import { tierFlatFeeStepSchema, tierStepSchemaOf } from "../../tierSteps.js";

/** Every kind of step a graduated price writes: one tier step per reached tier, and their flat fees. */
export const graduatedStepSchemas = [tierStepSchemaOf("graduated"), tierFlatFeeStepSchema] as const;

/** A step this price writes. */
export type GraduatedStep = StepOf<typeof graduatedStepSchemas>;
