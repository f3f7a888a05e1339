export type { Alignment, BillingCycle, Cadence } from "./billingCycle.js";
export {
  anchorDayOf,
  boundaryDate,
  boundaryInstant,
  nthPeriod,
  periodIndexOf,
  periodOf,
  periodsBetween,
} from "./billingCycle.js";
export { safeParseEpochInstant, USAGE_TIMESTAMPS, type UsageTimestamps } from "./epochInstant.js";
export type { InstantParseResult } from "./instant.js";
export { formatInstant, parseInstant, safeParseInstant } from "./instant.js";
export type { LocalDate, LocalDateParseResult } from "./localDate.js";
export {
  addLocalDays,
  daysBetween,
  formatLocalDate,
  parseLocalDate,
  safeParseLocalDate,
  startOfLocalDate,
  toLocalDate,
} from "./localDate.js";
export { type LocalHour, localHour } from "./localHour.js";
export { formatLocalWhen } from "./localWhen.js";
export { minuteOfDay } from "./minuteOfDay.js";
export { parsePeriod } from "./parsePeriod.js";
export type { Period } from "./period.js";
export { intersectPeriods, isInPeriod, isSamePeriod } from "./period.js";
export { periodShorthand } from "./periodShorthand.js";
export type { ProrationBasis, ProrationRatio } from "./proration.js";
export { applyRatio, PRORATION_BASES, prorationRatio, ratioText } from "./proration.js";
export {
  assertTimeZone,
  isValidTimeZone,
  standardTimeZoneName,
  timeZoneSpellingProblem,
} from "./timeZone.js";
export {
  EARLIEST_INSTANT,
  FIRST_YEAR,
  isSupportedInstant,
  isSupportedYear,
  LAST_YEAR,
  LATEST_INSTANT,
  yearOutOfRange,
} from "./yearRange.js";
