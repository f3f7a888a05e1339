import { aggregatesMessages, InputError, toJsonPath } from "../errors/index.js";
import { checkGroupTotals } from "./checkGroupTotals.js";
import { sameList } from "./compareText.js";
import type { MeterStates } from "./meterStatesSchema.js";

/**
 * A meter's states read back (usage aggregates, a shard) checked for what the schema cannot see: each
 * grouping the contract's charges ask for is there (ratecard writes every one, empty or not: without it
 * a grouped charge would bill nothing), and no group is listed twice in one grouping (merged, its usage
 * would bill twice), and the buckets add up to the meter's total ({@link checkGroupTotals}). Shards that
 * share a group merge it as they should: this looks at one set of states.
 * @throws InputError `aggregates_mismatch` at the meter's groups or at a grouping that does not add up,
 *   `invalid_field` at the repeated group
 */
export function checkGroupStates(
  meter: string,
  states: MeterStates,
  groupings: ReadonlyArray<ReadonlyArray<string>>,
  path: () => ReadonlyArray<PropertyKey>,
): void {
  const held = states.groups ?? [];
  const missing = groupings.find((dimensions) => !held.some((g) => sameList(g.dimensions, dimensions)));
  if (missing !== undefined)
    throw InputError.from(
      aggregatesMessages.aggregatesMissingGrouping(meter, missing),
      toJsonPath([...path(), "groups"]),
    );
  held.forEach((grouping, g) => {
    // A group listed twice first: its sentence says more than the totals' that it also breaks.
    if (grouping.buckets.length >= 2) refuseRepeatedGroup(meter, grouping, () => [...path(), "groups", g]);
    checkGroupTotals(meter, states.total, grouping, () => [...path(), "groups", g]);
  });
}

function refuseRepeatedGroup(
  meter: string,
  grouping: NonNullable<MeterStates["groups"]>[number],
  path: () => ReadonlyArray<PropertyKey>,
): void {
  const seen = new Map<string, number>();
  grouping.buckets.forEach((bucket, b) => {
    const key = JSON.stringify(bucket.group);
    const first = seen.get(key);
    if (first !== undefined)
      throw InputError.from(
        aggregatesMessages.aggregatesGroupTwice(meter, grouping.dimensions, key, first, b),
        toJsonPath([...path(), "buckets", b, "group"]),
      );
    seen.set(key, b);
  });
}
