// In-memory aggregation, as issue 4 asks: N events with decimal-string values, one sum meter with a
// filter and group-by region. ratecard (exact) against a plain loop summing Number(value) into a Map
// (inexact), in the same run. ratecard is measured twice: with deduplication by id (the default) and
// with `deduplicate: false` (ids unique upstream), so the cost of each is visible.
import { aggregateUsage } from "../dist/index.js";
import { medianOfRounds } from "./lib.mjs";

const grouped = (n) => Math.round(n).toLocaleString("en-US");

/** The case measured: `count` events of one customer, and the options of its sum meter (filter, group by region). */
export function aggregationCase(count) {
  const regions = ["na", "eu", "apac", "latam"];
  const start = Date.UTC(2026, 1, 1, 5);
  const events = Array.from({ length: count }, (_, i) => ({
    id: `evt_${i}`,
    type: "cdn.bandwidth",
    customer: "cus_a",
    timestamp: start + (i % 2_000_000) * 1000,
    properties: { region: regions[i % 4], gb: `${(i * 37) % 1000}.${String(i % 1000).padStart(3, "0")}` },
  }));
  const meter = {
    id: "bandwidth",
    eventType: "cdn.bandwidth",
    aggregation: "sum",
    valueProperty: "gb",
    filters: [{ property: "region", op: "in", values: ["na", "eu", "apac"] }],
  };
  const period = { start, end: Date.UTC(2026, 2, 1, 5) };
  const requests = new Map([["bandwidth", { groupings: [["region"]], collectValues: false }]]);
  return { events, period, options: { meters: [meter], customer: "cus_a", period, requests } };
}

/** The baseline: the first `n` events' totals per region, summed as floats in a plain loop (inexact). */
export function floatTotals(events, period, n) {
  const totals = new Map();
  for (let i = 0; i < n; i += 1) {
    const event = events[i];
    if (event.customer !== "cus_a" || event.type !== "cdn.bandwidth") continue;
    if (event.timestamp < period.start || event.timestamp >= period.end) continue;
    const region = event.properties.region;
    if (region !== "na" && region !== "eu" && region !== "apac") continue;
    totals.set(region, (totals.get(region) ?? 0) + Number(event.properties.gb));
  }
  return [...totals.values()].join(" ");
}

/** Aggregates `count` events; prints events/s of each variant and its ratio to the float loop. */
export function benchAggregation(count) {
  const { events, period, options } = aggregationCase(count);
  const exactTotals = (result) => result.groups[0].groups.map((group) => group.quantity.toFixed()).join(" ");

  const [float, trusted, deduplicated] = medianOfRounds(
    [
      ["plain loop, Number(value) into a Map", (n) => floatTotals(events, period, n)],
      [
        "ratecard, exact, deduplicate: false",
        (n) =>
          exactTotals(
            aggregateUsage(n === count ? events : events.slice(0, n), { ...options, deduplicate: false }),
          ),
      ],
      [
        "ratecard, exact, deduplicated by id",
        (n) => exactTotals(aggregateUsage(n === count ? events : events.slice(0, n), options)),
      ],
    ],
    count,
  );
  console.log(`\nAggregating ${grouped(count)} in-memory events (sum meter, filter, group by region)`);
  for (const row of [trusted, deduplicated, float]) {
    const ratio = row === float ? "" : `  ratio ${(row.perSecond / float.perSecond).toFixed(3)}×`;
    console.log(`  ${row.label.padEnd(40)} ${grouped(row.perSecond).padStart(12)} events/s${ratio}`);
  }
  console.log(`  totals, exact: ${trusted.checksum}`);
  console.log(`  totals, float: ${float.checksum}`);
  return { exactDedupVsFloat: Number((deduplicated.perSecond / float.perSecond).toFixed(3)) };
}
