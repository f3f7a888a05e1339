export { billableQuantity } from "./billableQuantity.js";
export { applyLineLimits } from "./lineLimits.js";
export { groupDimensions, meterRequests, needsEventValues } from "./meterRequests.js";
export type { RateChargeInput, RateChargeResult } from "./rateCharge.js";
export { isFee, rateCharge } from "./rateCharge.js";
