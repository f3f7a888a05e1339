import type { StepOf } from "../../priceModel.js";
import { tierFlatFeeStepSchema, tierStepSchemaOf } from "../../tierSteps.js";

/** Every kind of step a volume price writes: the tier the total reached, and its flat fee. */
export const volumeStepSchemas = [tierStepSchemaOf("volume"), tierFlatFeeStepSchema] as const;

/** A step this price writes. */
export type VolumeStep = StepOf<typeof volumeStepSchemas>;
