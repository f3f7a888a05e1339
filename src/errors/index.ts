export { describeValue } from "./describeValue.js";
export { joinPath, nestPath, toJsonPath } from "./jsonPath.js";
export { jsonTextHint } from "./jsonTextHint.js";
export * as aggregatesMessages from "./messages/aggregates.js";
export { argumentRefused, valueRefersToItself } from "./messages/arguments.js";
export * as compareMessages from "./messages/compare.js";
export * as contractMessages from "./messages/contract.js";
export * as exportMessages from "./messages/export.js";
export * as invoiceMessages from "./messages/invoice.js";
export type { ErrorMessage } from "./messages/message.js";
export {
  expressionNeedsNumericOp,
  filterSideMissing,
  operationPropertyNotAllowed,
  percentileSettingsMissing,
  percentileWindowMissing,
  persistentNotAllowed,
  persistentWindowOrEntity,
  proratedNotAllowed,
  settingsOfOtherAggregation,
  valueExpressionNotAllowed,
  valueExpressionTooDeep,
  valueGivenTwice,
  valuePropertyRequired,
  weightedSumWindowOrEntity,
  windowAllowanceWithPercentile,
  windowNotAllowed,
  windowTimeZoneMisspelt,
  windowTimeZoneNotIana,
} from "./messages/meter.js";
export {
  allAllocationWeightsZero,
  amountNotInMinorUnits,
  invalidDecimal,
  negativeAllocationWeight,
  noAllocationWeights,
  unknownCurrency,
} from "./messages/money.js";
export * as periodMessages from "./messages/periods.js";
export {
  boundedLastTierNeedsSetting,
  capacityExceeded,
  cellCombinationRepeated,
  cellDimensionsDiffer,
  eventValuesRequired,
  lastTierMustBeUnbounded,
  maximumPerEventBelowMinimum,
  negativeQuantity,
  onlyLastCapacityTierUnlimited,
  onlyLastTierUnbounded,
  percentageRateAmbiguous,
  perNotPowerOfTen,
  quantityAboveLastTier,
  tierNotWholePackages,
  tierUpToNotIncreasing,
} from "./messages/pricing.js";
export * as ratingMessages from "./messages/rating.js";
export {
  didYouMean,
  documentChanged,
  hostHashNotFunction,
  hostHashNotSha256,
  hostHashWrongResult,
  invalidInput,
  missingField,
  negativeValue,
  notAnIssuedInvoice,
  notMoreThanZero,
  otherSystemsName,
  unknownExplainFormat,
  unknownField,
} from "./messages/schema.js";
export * as sqlMessages from "./messages/sql.js";
export {
  epochAfter9999,
  epochBefore1970,
  epochNotACount,
  fixturePeriodRefused,
  invalidInstant,
  invalidTimeZone,
  periodDateRefused,
  periodEmpty,
  periodEndsBeforeStart,
  periodNotUnderstood,
  prorationPartOutsidePeriod,
  rangeEndsBeforeStart,
} from "./messages/time.js";
export {
  carriedStateForUnknownMeter,
  carriedStateOfOtherKind,
  epochTimestampHint,
  eventNotParsed,
  foreignEvent,
  notAParsedEvent,
  sourceReturnedNoEvents,
  usageChangedWhileRead,
} from "./messages/usage.js";
export type { Warning, WarningCode, WarningDetails } from "./messages/warnings.js";
export * as warningMessages from "./messages/warnings.js";
export { WARNING_CODES } from "./messages/warnings.js";
export type { JsonPath, RatecardErrorCode } from "./RatecardError.js";
export {
  ContractError,
  InputError,
  InvariantError,
  isRatecardError,
  RatecardError,
  UsageError,
} from "./RatecardError.js";
export { isRecord, requireArgument } from "./requireArgument.js";
export { wordList } from "./wordList.js";
