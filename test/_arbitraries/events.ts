import fc from "fast-check";
import type { UsageEvent } from "../../src/schema/index.js";

/** February 2026 in New York: [2026-02-01T05:00Z, 2026-03-01T05:00Z). */
export const FEBRUARY_NY = { start: Date.UTC(2026, 1, 1, 5), end: Date.UTC(2026, 2, 1, 5) };

const REGIONS = ["na", "eu", "apac", "oceania", "latam"] as const;

/** A bandwidth or request event; mostly valid and in February, sometimes not (other customer, bad value, …). */
export const usageEventArb: fc.Arbitrary<UsageEvent> = fc
  .record({
    id: fc.integer({ min: 1, max: 400 }).map((n) => `evt_${String(n).padStart(4, "0")}`),
    kind: fc.constantFrom("bandwidth", "bandwidth", "requests", "logs"),
    customer: fc.constantFrom("cus_northwind", "cus_northwind", "cus_northwind", "cus_contoso"),
    timestamp: fc.integer({ min: FEBRUARY_NY.start - 86_400_000, max: FEBRUARY_NY.end + 86_400_000 }),
    region: fc.constantFrom(...REGIONS),
    thousandths: fc.integer({ min: 0, max: 5_000_000 }),
    broken: fc.integer({ min: 0, max: 30 }),
  })
  .map(({ id, kind, customer, timestamp, region, thousandths, broken }): UsageEvent => {
    const value = broken === 0 ? "n/a" : (thousandths / 1000).toFixed(3);
    if (kind === "requests")
      return {
        id,
        type: "cdn.requests",
        customer,
        timestamp,
        properties: { requests: String(thousandths), pop: "iad" },
      };
    if (kind === "logs") return { id, type: "cdn.logs", customer, timestamp, properties: {} };
    return { id, type: "cdn.bandwidth", customer, timestamp, properties: { region, gb: value } };
  });

/** A list of events whose ids are unique (so no conflicting duplicates). */
export const uniqueEventsArb = fc.uniqueArray(usageEventArb, {
  selector: (event) => event.id,
  maxLength: 120,
});

/** Event input as sent (timestamp as ISO text), for `rateInvoice`. */
export function toInput(event: UsageEvent) {
  return { ...event, timestamp: new Date(event.timestamp).toISOString() };
}
