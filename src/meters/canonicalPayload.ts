import type { UsageEvent } from "../schema/index.js";

/**
 * A text that is equal for two events exactly when they carry the same payload: type, customer,
 * instant (so "…Z" and "…+00:00" agree) and properties (in any key order). A property written as null
 * is the property left out: every meter, filter and grouping reads them alike (`exists` is "present
 * and not null", a null group value is the missing one), as a CSV file's empty cell is no property, so
 * `{"gb":"5","region":null}` and `{"gb":"5"}` cannot bill differently (docs/decisions/deduplication.md).
 */
export function canonicalPayload(event: UsageEvent): string {
  const keys = Object.keys(event.properties)
    .filter((key) => event.properties[key] !== null)
    .sort();
  const properties = keys.map((key) => [key, event.properties[key]]);
  return JSON.stringify([event.type, event.customer, event.timestamp, properties]);
}
