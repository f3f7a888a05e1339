export type { RateChargeInput } from "./rateCharge.js";
export { rateCharge } from "./rateCharge.js";
