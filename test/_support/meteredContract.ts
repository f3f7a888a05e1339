import type { ContractInput } from "../../src/contracts/index.js";

/**
 * The smallest contract with usage, as JSON: meter `m` sums the property `v` of events of type `e` for
 * customer `cus`, and charge `use` bills it at 1.00 a unit, so a line's amount is its usage. Monthly,
 * UTC, USD, from 2026-01-01. `extra` replaces or adds top-level fields.
 */
export function meteredContract(extra: Partial<ContractInput> = {}): ContractInput {
  return {
    schemaVersion: 1,
    id: "ctr_metered",
    customer: { id: "cus" },
    currency: "USD",
    timeZone: "UTC",
    billing: { cadence: "monthly" },
    term: { start: "2026-01-01" },
    meters: [{ id: "m", eventType: "e", aggregation: "sum", valueProperty: "v" }],
    charges: [{ id: "use", name: "Use", meter: "m", price: { model: "unit", unitPrice: "1" } }],
    ...extra,
  };
}

/** An event of type `e` for customer `cus` on 2026-02-03 whose property `v` is `v`. */
export function meteredEvent(id: string, v: unknown) {
  return { id, type: "e", customer: "cus", timestamp: "2026-02-03T00:00:00Z", properties: { v } };
}
