export { billableQuantity } from "./billableQuantity.js";
export { applyLineLimits } from "./lineLimits.js";
export { groupDimensions, meterRequests, needsEventValues } from "./meterRequests.js";
export type { ChargeInForce, OverrideInForce } from "./overriddenPrice.js";
export { overriddenPrice } from "./overriddenPrice.js";
export type { RateChargeInput, RateChargeResult } from "./rateCharge.js";
export { rateCharge } from "./rateCharge.js";
export { scaleMoney } from "./scaleMoney.js";
