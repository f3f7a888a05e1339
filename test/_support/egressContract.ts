/**
 * $0.05 (or €0.05) per GB of egress (a `sum` of property `gb` of `egress` events), UTC, billed monthly
 * from 2026-01-01, as JSON: the contract of docs/scale.md's batch example, one per customer (id
 * `ctr_<customer>`). `more` replaces or adds top-level fields (a credit grant, an earlier term start).
 */
export function egressContractJson(customer: string, currency = "USD", more: Record<string, unknown> = {}) {
  return {
    schemaVersion: 1,
    id: `ctr_${customer}`,
    customer: { id: customer, name: customer },
    currency,
    timeZone: "UTC",
    billing: { cadence: "monthly", alignment: "calendar" },
    term: { start: "2026-01-01" },
    meters: [{ id: "egress", eventType: "egress", aggregation: "sum", valueProperty: "gb", unit: "GB" }],
    charges: [{ id: "egress", name: "Egress", meter: "egress", price: { model: "unit", unitPrice: "0.05" } }],
    ...more,
  };
}

/**
 * The worked example of docs/scale.md, "Rate from aggregates": API calls at $0.0001 (a `count` of
 * `api.call` events) and egress at $0.05 per GB (a `sum` of `gb`), customer cus_example, UTC, monthly.
 */
export const scaleExampleContractJson = {
  schemaVersion: 1,
  id: "ctr_example",
  customer: { id: "cus_example", name: "Example Co" },
  currency: "USD",
  timeZone: "UTC",
  billing: { cadence: "monthly", alignment: "calendar" },
  term: { start: "2026-01-01" },
  meters: [
    { id: "api_calls", eventType: "api.call", aggregation: "count", unit: "calls" },
    { id: "egress", eventType: "egress", aggregation: "sum", valueProperty: "gb", unit: "GB" },
  ],
  charges: [
    { id: "api", name: "API calls", meter: "api_calls", price: { model: "unit", unitPrice: "0.0001" } },
    { id: "egress", name: "Egress", meter: "egress", price: { model: "unit", unitPrice: "0.05" } },
  ],
} as const;

/**
 * The aggregates of docs/scale.md's worked example, written by hand as a warehouse query would: 120,000
 * API calls and 1,500.4 GB of egress, from 120,004 events read, of which 2 were copies of another and 1
 * belonged to another customer (120,004 = 120,001 counted + 2 + 1).
 */
export const scaleExampleAggregates = {
  aggregatesVersion: 1,
  customer: "cus_example",
  period: { start: "2026-02-01T00:00:00.000Z", end: "2026-03-01T00:00:00.000Z" },
  shards: { count: 1, indices: [0] },
  whole: {
    eventsRead: 120_004,
    eventsCounted: 120_001,
    excluded: [
      { reason: "duplicate_id", events: 2, sampleIds: ["evt_17"] },
      { reason: "other_customer", events: 1, sampleIds: ["evt_9"] },
    ],
    meters: [
      { meter: "api_calls", total: { events: 120_000 } },
      { meter: "egress", total: { sum: "1500.4", events: 1 } },
    ],
  },
};

/**
 * The egress meter of {@link egressContractJson} counting only the events whose property `region`
 * passes `filters` (default: `region` equals "eu"): the meter whose filter a contract's next version
 * fixes, in the tests of aggregates made for another version (docs/scale.md, "madeFor").
 */
export function filteredEgressMeter(
  filters: ReadonlyArray<Record<string, unknown>> = [{ property: "region", op: "equals", value: "eu" }],
  more: Record<string, unknown> = {},
) {
  return {
    id: "egress",
    eventType: "egress",
    aggregation: "sum",
    valueProperty: "gb",
    unit: "GB",
    filters,
    ...more,
  };
}

/** An egress event of customer acme: `gb` GB in `region`, on 2026-02-`day` at 10:00 UTC. */
export function egressEvent(id: string, gb: string, region: string, day = "03") {
  return {
    id,
    type: "egress",
    customer: "acme",
    timestamp: `2026-02-${day}T10:00:00Z`,
    properties: { gb, region },
  };
}
