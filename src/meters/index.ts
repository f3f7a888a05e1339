export type {
  AggregateUsageOptions,
  AggregateUsageResult,
  EventSource,
  MeterQuantity,
} from "./aggregateUsage.js";
export { aggregateUsage, aggregateUsageAsync } from "./aggregateUsage.js";
export { canonicalPayload } from "./canonicalPayload.js";
export { compareText, sameList } from "./compareText.js";
export { compileMeter } from "./compileMeter.js";
export { deriveValue } from "./deriveValue.js";
export type { EventObserver } from "./eventObserver.js";
export type { Exclusion } from "./exclusionTally.js";
export type { GroupedQuantities, GroupQuantity, MeterRequest } from "./groupQuantity.js";
export { idHash } from "./idHash.js";
export { IdSample } from "./idSample.js";
export { isLevelMeter } from "./isLevelMeter.js";
export { keepsDailyQuantities } from "./keepsDailyQuantities.js";
export type {
  CarriedMeterState,
  Computation,
  FinalizeContext,
  MeterOutcome,
  Reducer,
  Sample,
  WindowQuantity,
} from "./reducer.js";
export { transactionValue } from "./transactionValue.js";
export { meterUnitWord, unitWord } from "./unitWord.js";
export type { UsageStates } from "./usageStates.js";
export { aggregateUsageStates, mergeUsageStates, usageFromStates } from "./usageStates.js";
export { uniqueKey } from "./valueReducers.js";
export type { Batches } from "./visitEach.js";
export { meterWindowLayout, windowLayout } from "./windowLayout.js";
export { rankedValue } from "./windows.js";
