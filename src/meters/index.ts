export type {
  AggregateUsageOptions,
  AggregateUsageResult,
  MeterQuantity,
} from "./aggregateUsage.js";
export { aggregateUsage } from "./aggregateUsage.js";
export type { Aggregation, AggregationState } from "./aggregation.js";
export { aggregationOf, countAggregation, sumAggregation } from "./aggregation.js";
export { canonicalPayload } from "./canonicalPayload.js";
export type { Exclusion } from "./exclusionTally.js";
export { matchesFilters } from "./matchesFilters.js";
export type { GroupedQuantities, GroupQuantity, MeterRequest } from "./meterAccumulator.js";
