import type { MeterTerms } from "../schema/index.js";

/**
 * Whether a meter keeps its quantity per local day when asked (`daily`, for charts): plain sums and
 * counts, whose days add up to the quantity — not a window, an entity or a carried total, whose
 * quantity is not the sum of their days.
 */
export function keepsDailyQuantities(meter: MeterTerms): boolean {
  const plain = meter.window === undefined && meter.entity === undefined && meter.persistent !== true;
  return plain && (meter.aggregation === "sum" || meter.aggregation === "count");
}
