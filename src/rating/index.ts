export { billableQuantity } from "./billableQuantity.js";
export { applyLineLimits } from "./lineLimits.js";
export { groupDimensions, meterRequests, needsEventValues } from "./meterRequests.js";
export type { AllowanceDraw, AllowanceLookup, AllowancePlan } from "./planAllowanceDraws.js";
export { planAllowanceDraws } from "./planAllowanceDraws.js";
export type { RateChargeInput, RateChargeResult } from "./rateCharge.js";
export { isFee, rateCharge } from "./rateCharge.js";
