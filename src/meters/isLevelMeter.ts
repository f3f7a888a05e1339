import type { MeterTerms } from "../schema/index.js";

// The aggregations whose quantity is a level held over the period (a peak, a floor, an average, the
// last value, a percentile), not a total the period's pieces add up to.
const LEVELS: ReadonlySet<MeterTerms["aggregation"]> = new Set(["avg", "max", "min", "latest", "percentile"]);

/**
 * Whether a meter's quantity is a level held over the period rather than a total of its parts: its
 * (outer, for a windowed meter) aggregation is `avg`, `max`, `min`, `latest` or `percentile`. A piece of
 * an amended period measures such a level over the piece, and the level is priced for the piece's share
 * of the period (docs/contracts.md, "Meters that carry state across the split"). `sum`, `count`,
 * `weighted_sum` (whose pieces divide by the whole period) and `unique_count` are not levels, nor is a
 * persistent meter (one reading of the whole period, priced once).
 * @example isLevelMeter({ aggregation: "percentile", … }) // true; a windowed meter with outer `sum`: false
 */
export function isLevelMeter(meter: Pick<MeterTerms, "aggregation" | "persistent">): boolean {
  return meter.persistent !== true && LEVELS.has(meter.aggregation);
}
