export { allocate } from "./allocate.js";
export type { Currency, CustomUnit } from "./currency.js";
export { isIsoCurrency, isoCurrencyCodes, resolveCurrency } from "./currency.js";
export type { DecimalInput } from "./decimal.js";
export { Decimal, exactDifference, ONE, toFixedString, toPlainString, ZERO } from "./decimal.js";
export type { DecimalParseResult } from "./parseDecimal.js";
export { safeParseDecimal, toDecimal } from "./parseDecimal.js";
export type { RoundingMode } from "./rounding.js";
export { ROUNDING_MODES, roundTo, roundToInteger } from "./rounding.js";
