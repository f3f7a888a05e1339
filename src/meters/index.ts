export type {
  AggregateUsageOptions,
  AggregateUsageResult,
  Exclusion,
  MeterQuantity,
} from "./aggregateUsage.js";
export { aggregateUsage } from "./aggregateUsage.js";
export type { Aggregation, AggregationState } from "./aggregation.js";
export { aggregationOf, countAggregation, sumAggregation } from "./aggregation.js";
export { canonicalPayload } from "./canonicalPayload.js";
export { matchesFilters } from "./matchesFilters.js";
