import type { Decimal } from "../money/index.js";
import { type PropertyValue, propertyOf, type UsageEvent } from "../schema/index.js";
import type { Grouping } from "./groupLevel.js";
import { byTimeThenId, decimalJson } from "./stateJson.js";
import { transactionValue } from "./transactionValue.js";

/** One combination of a grouping's values (or the total): the meter's reducer state, and values if asked. */
export interface Bucket {
  state: unknown;
  values: { timestamp: number; id: string; value: Decimal }[];
  readonly group: Record<string, PropertyValue>;
}

export function valuesJson(values: Bucket["values"]): [number, string, string][] {
  return byTimeThenId(values).map((entry) => [entry.timestamp, entry.id, decimalJson(entry.value)]);
}

export function leaves(level: Map<unknown, unknown>, depth: number): Bucket[] {
  if (depth === 1) return [...level.values()] as Bucket[];
  return [...level.values()].flatMap((inner) => leaves(inner as Map<unknown, unknown>, depth - 1));
}

export function valuesOf(bucket: Bucket, dimensions: ReadonlyArray<string>): PropertyValue[] {
  return dimensions.map((name) => bucket.group[name] ?? null);
}

// An event's value for per-transaction prices (an event without a readable value counts as 1).
export function valueEntry(event: UsageEvent, raw: PropertyValue | undefined): Bucket["values"][number] {
  return { timestamp: event.timestamp, id: event.id, value: transactionValue(raw) };
}

// A new bucket's group values, in a function of its own: `add` then makes no closure (one over its
// event would have V8 allocate a context for every call). A value of −0 (JSON.parse reads `-0` so) is
// kept as 0: its bucket is 0's (a Map key −0 is +0), and JSON writes both as 0, so an invoice holding
// −0 would not read back as itself (hostileInputs.property.test.ts, seed 2061638634).
export function groupOf(grouping: Grouping, properties: Readonly<Record<string, PropertyValue>>) {
  return Object.fromEntries(
    grouping.dimensions.map((name) => {
      const value = propertyOf(properties, name) ?? null;
      return [name, value === 0 ? 0 : value];
    }),
  );
}
