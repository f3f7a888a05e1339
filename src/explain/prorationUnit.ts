import type { ProrationStep } from "../schema/index.js";

const UNITS: Readonly<Record<ProrationStep["basis"], string>> = {
  second: "seconds",
  day: "days",
  month_30_days: "days (months counted as 30 days)",
};

/** The unit a proration ratio counts in, for "15 of 31 days": seconds, days, or days of 30-day months. */
export function prorationUnit(basis: ProrationStep["basis"]): string {
  return UNITS[basis];
}
