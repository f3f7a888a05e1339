// In-memory aggregation: ratecard's exact, deduplicating aggregation vs a plain float loop.
import { aggregateUsage } from "../dist/index.js";
import { measure, report } from "./lib.mjs";

/** Aggregates `count` events with a filtered sum meter; prints both rates and the ratio. */
export function benchAggregation(count) {
  const regions = ["na", "eu", "apac", "latam"];
  const start = Date.UTC(2026, 1, 1, 5);
  const events = Array.from({ length: count }, (_, i) => ({
    id: `evt_${i}`,
    type: "cdn.bandwidth",
    customer: "cus_a",
    timestamp: start + (i % 2_000_000) * 1000,
    properties: { region: regions[i % 4], gb: `${(i * 37) % 1000}.${i % 1000}` },
  }));
  const meter = {
    id: "bw_na",
    eventType: "cdn.bandwidth",
    aggregation: "sum",
    valueProperty: "gb",
    filters: [{ property: "region", op: "equals", value: "na" }],
  };
  const period = { start, end: Date.UTC(2026, 2, 1, 5) };
  report(
    `Aggregating ${count.toLocaleString("en-US")} in-memory events (sum meter, filter region = na)`,
    measure(
      "ratecard aggregateUsage (exact, dedup)",
      (n) =>
        aggregateUsage(events.slice(0, n), { meters: [meter], customer: "cus_a", period }).meters[0].quantity,
      count,
    ),
    measure(
      "plain loop, Number(value) into a Map",
      (n) => {
        const totals = new Map();
        for (let i = 0; i < n; i += 1) {
          const event = events[i];
          if (event.customer !== "cus_a" || event.type !== "cdn.bandwidth") continue;
          if (event.timestamp < period.start || event.timestamp >= period.end) continue;
          const region = event.properties.region;
          if (region !== "na") continue;
          totals.set(region, (totals.get(region) ?? 0) + Number(event.properties.gb));
        }
        return totals.get("na");
      },
      count,
    ),
  );
}
