export { flat } from "./flat.js";
export { graduated } from "./graduated.js";
export { packagePrice } from "./package.js";
export type { PriceModel, PriceResult, TermsOf } from "./priceModel.js";
export { PRICE_MODELS, priceModelOf, ratePrice } from "./registry.js";
export { unit } from "./unit.js";
export { volume } from "./volume.js";
