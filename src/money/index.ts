export { allocate } from "./allocate.js";
export type { Currency, CustomUnit } from "./currency.js";
export { isIsoCurrency, isoCurrencyCodes, resolveCurrency } from "./currency.js";
export type { DecimalInput } from "./decimal.js";
export {
  addExactly,
  compareDecimals,
  Decimal,
  exactDifference,
  exactProduct,
  ONE,
  toFixedString,
  toPlainString,
  ZERO,
} from "./decimal.js";
export { decimalOfText, decimalsOfText } from "./decimalOfText.js";
export { dividesExactly } from "./dividesExactly.js";
export type { ExactQuotient } from "./exactQuotient.js";
export {
  addQuotients,
  fractionAbove,
  fractionWhenUnending,
  lowestTerms,
  quotient,
  quotientValue,
  scaleQuotient,
  subtractQuotients,
  unendingQuotient,
  ZERO_QUOTIENT,
} from "./exactQuotient.js";
export { ExactSum, isDecimalText, parseShortDecimal, ShortDecimal } from "./exactSum.js";
export { lastingDecimal } from "./lastingDecimal.js";
export type { NumericBound } from "./numericBounds.js";
export {
  BASIS_POINTS,
  boundBreach,
  boundProblem,
  boundRule,
  DERIVED_QUANTITY,
  isSizeWithinLimit,
  isWithinBound,
  MONEY_AMOUNT,
  PERCENT,
  QUANTITY,
  RATIO,
  SIZE,
  UNIT_PRICE,
} from "./numericBounds.js";
export type { DecimalParseResult } from "./parseDecimal.js";
export { DECIMAL_TEXT, safeParseBoundedDecimal, safeParseDecimal, toDecimal } from "./parseDecimal.js";
export type { RoundingMode } from "./rounding.js";
export { ROUNDING_MODES, roundReduction, roundTo, roundToInteger } from "./rounding.js";
