import type { Explanation } from "./explanation.js";
import { count } from "./formatNumber.js";

/** "2,996 events read, 2,950 counted, 46 left out." (read = counted + left out, by the usage report's law). */
export function usageCounts(explanation: Explanation): string {
  const { eventsRead, eventsCounted } = explanation.usage;
  return `${count(eventsRead, "event")} read, ${count(eventsCounted, "event").replace(/ events?$/, "")} counted, ${count(eventsRead - eventsCounted, "event").replace(/ events?$/, "")} left out.`;
}

/** Why a meter has no chart: the invoice was rated without daily data, or the meter keeps none. */
export function noDailyData(aggregation: string): string {
  return aggregation === "sum" || aggregation === "count"
    ? "This invoice has no daily data for this meter, so there is no chart: rate it again with --daily (the daily option)."
    : `No daily data: daily quantities are kept for sum and count meters, and this meter's aggregation is ${aggregation}.`;
}
