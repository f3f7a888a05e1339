export type { ChangeBucket, ChangeDistribution, ChangeQuantile, RankedChange } from "./distribution.js";
export { distributionOf } from "./distribution.js";
export { renderWhatIf } from "./renderWhatIf.js";
export type { CurrencyTotal } from "./totalsPerCurrency.js";
export { totalsPerCurrency } from "./totalsPerCurrency.js";
export type { WhatIfCustomer, WhatIfResult, WhatIfRow } from "./whatIf.js";
export { summarizeWhatIf, whatIf, whatIfRow } from "./whatIf.js";
export { whatIfCsv } from "./whatIfCsv.js";
