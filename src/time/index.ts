export type { Alignment, BillingCycle, Cadence } from "./billingCycle.js";
export {
  boundaryDate,
  boundaryInstant,
  nthPeriod,
  periodIndexOf,
  periodOf,
  periodsBetween,
} from "./billingCycle.js";
export type { InstantParseResult } from "./instant.js";
export { formatInstant, parseInstant, safeParseInstant } from "./instant.js";
export type { LocalDate } from "./localDate.js";
export {
  addLocalDays,
  daysBetween,
  formatLocalDate,
  parseLocalDate,
  startOfLocalDate,
  toLocalDate,
} from "./localDate.js";
export { parsePeriod } from "./parsePeriod.js";
export type { Period } from "./period.js";
export { intersectPeriods, isInPeriod, isSamePeriod } from "./period.js";
export type { ProrationBasis, ProrationRatio } from "./proration.js";
export { applyRatio, prorationRatio } from "./proration.js";
export { assertTimeZone, isValidTimeZone, standardTimeZoneName } from "./timeZone.js";
