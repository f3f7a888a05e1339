import type { Explanation } from "./explanation.js";
import { count } from "./formatNumber.js";

/** "2,996 events read, 2,950 counted, 46 left out." (read = counted + left out, by the usage report's law). */
export function usageCounts(explanation: Explanation): string {
  const { eventsRead, eventsCounted } = explanation.usage;
  return `${count(eventsRead, "event")} read, ${count(eventsCounted, "event").replace(/ events?$/, "")} counted, ${count(eventsRead - eventsCounted, "event").replace(/ events?$/, "")} left out.`;
}
