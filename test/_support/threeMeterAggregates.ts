import { parseContract } from "../../src/index.js";

// A contract of three meters (a count, a sum, an average) and its February 2026 aggregates as a billing
// service passes them: the input the hostile-aggregates laws edit (usageAggregates.fastPath and
// mergeUsageAggregatesHostile). 12 events read, 9 counted: 4 calls, 1,500.4 GB, a load of 3.5 over 2.

/** The contract `ctr_<name>` of customer `cus_<name>`. */
export function threeMeterContract(name: string) {
  return parseContract({
    schemaVersion: 1,
    id: `ctr_${name}`,
    customer: { id: `cus_${name}`, name: "Three Meters Co" },
    currency: "USD",
    timeZone: "America/New_York",
    billing: { cadence: "monthly", alignment: "calendar" },
    term: { start: "2026-01-01" },
    meters: [
      { id: "calls", eventType: "api.call", aggregation: "count" },
      { id: "egress", eventType: "egress", aggregation: "sum", valueProperty: "gb", unit: "GB" },
      { id: "cpu", eventType: "cpu", aggregation: "avg", valueProperty: "load" },
    ],
    charges: [
      { id: "calls", name: "Calls", meter: "calls", price: { model: "unit", unitPrice: "0.0001" } },
      { id: "egress", name: "Egress", meter: "egress", price: { model: "unit", unitPrice: "0.05" } },
      { id: "cpu", name: "CPU", meter: "cpu", price: { model: "unit", unitPrice: "2" } },
    ],
  });
}

/** Customer `cus_<name>`'s aggregates for February 2026 in New York, as shard `index` of `count`. */
export function threeMeterAggregates(name: string, shards = { count: 1, index: 0 }) {
  return {
    aggregatesVersion: 1,
    customer: `cus_${name}`,
    period: { start: "2026-02-01T05:00:00.000Z", end: "2026-03-01T05:00:00.000Z" },
    shards: { count: shards.count, indices: [shards.index] },
    whole: {
      eventsRead: 12,
      eventsCounted: 9,
      excluded: [
        { reason: "duplicate_id", events: 2, sampleIds: ["e17", "e18"] },
        { reason: "other_customer", events: 1, sampleIds: ["e9"] },
      ],
      idsReusedByOtherCustomers: { ids: 1, sampleIds: ["e9"] },
      meters: [
        { meter: "calls", total: { events: 4 } },
        { meter: "egress", total: { sum: "1500.4", events: 3 } },
        { meter: "cpu", total: { sum: "3.5", events: 2 } },
      ],
    },
  };
}
