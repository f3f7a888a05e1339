export { applyTax } from "./applyTax.js";
export { assembleInvoice } from "./assembleInvoice.js";
export type { CreditNoteOptions } from "./creditNote.js";
export { issueCreditNote } from "./creditNote.js";
export type { RateInvoiceOptions } from "./rateInvoice.js";
export { rateInvoice, rateInvoiceAsync, rateParsedInvoice } from "./rateInvoice.js";
export type { ServicePeriod } from "./resolveServicePeriod.js";
export { resolveServicePeriod } from "./resolveServicePeriod.js";
