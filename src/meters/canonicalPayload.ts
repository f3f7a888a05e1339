import type { UsageEvent } from "../schema/index.js";

/**
 * A text that is equal for two events exactly when they carry the same payload: type, customer,
 * instant (so "…Z" and "…+00:00" agree) and properties (in any key order).
 */
export function canonicalPayload(event: UsageEvent): string {
  const keys = Object.keys(event.properties).sort();
  const properties = keys.map((key) => [key, event.properties[key]]);
  return JSON.stringify([event.type, event.customer, event.timestamp, properties]);
}
