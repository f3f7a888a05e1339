/**
 * Whether a meter counts the distinct values of its value property (identities: hosts, users, domains)
 * rather than adding numbers: a `unique_count` meter, or windows that each take the `unique_count` of
 * their events (the hosts seen in each hour, of which the meter bills the peak or a percentile). Such a
 * meter reads a value of any kind, never a number, and has no amounts for a per-event price.
 * @example countsDistinctValues({ aggregation: "max", window: { size: "hour", aggregation: "unique_count" } }) // true
 */
export function countsDistinctValues(meter: {
  readonly aggregation: string;
  readonly window?: { readonly aggregation: string } | undefined;
}): boolean {
  return meter.aggregation === "unique_count" || meter.window?.aggregation === "unique_count";
}
