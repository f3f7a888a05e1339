import { type PropertyValue, propertyOf } from "../schema/index.js";

/** A meter's events split by a list of properties: one bucket per combination of their values. */
export interface Grouping {
  readonly dimensions: ReadonlyArray<string>;
  /** Nested maps, one level per dimension, keyed by the events' raw values; buckets at the last level. */
  readonly buckets: Map<unknown, unknown>;
  /** Some dimension is a name a plain read could find on Object.prototype ("constructor", …). */
  readonly inherited: boolean;
}

// The map holding the bucket of the event's combination (nested maps keyed by the raw values: no key
// text to build, and 1 and "1" stay apart): the grouping's own map for one dimension. Inner maps are
// made when `create`; without it, undefined where one is missing.
export function levelOf(
  grouping: Grouping,
  properties: Readonly<Record<string, PropertyValue>>,
  create: boolean,
): Map<unknown, unknown> | undefined {
  const { dimensions, inherited } = grouping;
  let level: Map<unknown, unknown> = grouping.buckets;
  for (let d = 0; d < dimensions.length - 1; d += 1) {
    const name = dimensions[d]!;
    const value = (inherited ? propertyOf(properties, name) : properties[name]) ?? null;
    let inner = level.get(value) as Map<unknown, unknown> | undefined;
    if (inner === undefined) {
      if (!create) return undefined;
      inner = new Map();
      level.set(value, inner);
    }
    level = inner;
  }
  return level;
}

// The event's value of the grouping's last dimension: the key of its bucket in `levelOf`'s map.
export function lastValueOf(
  grouping: Grouping,
  properties: Readonly<Record<string, PropertyValue>>,
): unknown {
  const name = grouping.dimensions[grouping.dimensions.length - 1]!;
  return (grouping.inherited ? propertyOf(properties, name) : properties[name]) ?? null;
}
