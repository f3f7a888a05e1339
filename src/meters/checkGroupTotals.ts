import { aggregatesMessages, InputError, toJsonPath } from "../errors/index.js";
import { addExactly, type Decimal, ExactSum } from "../money/index.js";

/** A state that counts its events, and may sum a quantity (sum, avg, count, unique count, …). */
interface CountedState {
  readonly events: number;
  readonly sum?: unknown;
}

function countedOf(state: unknown): CountedState | undefined {
  if (typeof state !== "object" || state === null) return undefined;
  return typeof (state as { events?: unknown }).events === "number" ? (state as CountedState) : undefined;
}

/**
 * A grouping's buckets checked against the meter's total, for states that count their events: every
 * counted event falls in exactly one bucket of each grouping (a missing property is the null group), so
 * the buckets' events add up to the total's, and for a summed quantity their sums add up to its sum,
 * exactly. Aggregates written by hand (or by a store's own query) that break it would bill the grouped
 * charges on other usage than the meter's total. States kept per window, per entity or per instant have
 * no such count and are not checked here.
 * @throws InputError `aggregates_mismatch` at the grouping
 */
export function checkGroupTotals(
  meter: string,
  total: unknown,
  grouping: {
    readonly dimensions: ReadonlyArray<string>;
    readonly buckets: ReadonlyArray<{ readonly state: unknown }>;
  },
  path: () => ReadonlyArray<PropertyKey>,
): void {
  const whole = countedOf(total);
  if (whole === undefined) return;
  let events = 0;
  let sum: Decimal | undefined;
  const summed = whole.sum instanceof ExactSum;
  for (const bucket of grouping.buckets) {
    const part = countedOf(bucket.state);
    if (part === undefined) return;
    events += part.events;
    if (summed && part.sum instanceof ExactSum)
      sum = sum === undefined ? part.sum.value() : addExactly(sum, part.sum.value());
  }
  if (events !== whole.events)
    throw InputError.from(
      aggregatesMessages.aggregatesGroupsNotTotal(
        meter,
        grouping.dimensions,
        "events",
        String(events),
        String(whole.events),
      ),
      toJsonPath(path()),
    );
  if (!summed || sum === undefined) return;
  const expected = (whole.sum as ExactSum).value();
  if (!sum.eq(expected))
    throw InputError.from(
      aggregatesMessages.aggregatesGroupsNotTotal(
        meter,
        grouping.dimensions,
        "sum",
        sum.toFixed(),
        expected.toFixed(),
      ),
      toJsonPath(path()),
    );
}
