import { definePriceModel } from "../../priceModel.js";
import { explainCapacityStep } from "./explain.js";
import { rateCapacity } from "./rate.js";
import { capacityStepSchemas } from "./steps.js";
import { capacityTermsSchema } from "./terms.js";

export type { CapacityTerms, CapacityTierTerms } from "./terms.js";
export { capacityTermsSchema } from "./terms.js";

/**
 * Capacity: the price of the lowest tier whose every limit holds, each limit a maximum of one meter.
 * It compares meters as measured, so it takes no transform, and it is not a single price (a cell or a
 * group cannot hold one: its limits read whole meters, not a group's share).
 */
export const capacity = definePriceModel({
  model: "capacity",
  termsSchema: capacityTermsSchema,
  usesQuantity: true,
  isFee: false,
  needsEventValues: false,
  acceptsTransform: false,
  isSinglePrice: false,
  priceKind: "capacity",
  stepSchemas: capacityStepSchemas,
  explainStep: explainCapacityStep,
  rate: rateCapacity,
});
