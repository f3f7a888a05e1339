export { rateInvoice, rateParsedInvoice } from "./rateInvoice.js";
export type { ServicePeriod } from "./resolveServicePeriod.js";
export { resolveServicePeriod } from "./resolveServicePeriod.js";
