import type { OtherSystemsName } from "./choiceHint.js";

// Names other billing systems and query languages give to a meter's choices, so that a contract written
// from habit is answered with ratecard's name (a typo of ratecard's own name is found by closestChoice).

function named(names: ReadonlyArray<string>, whose: string, choice: string): OtherSystemsName[] {
  return names.map((name) => ({ name, whose, choice }));
}

const SHORT_OPERATOR = "a short form of the operator";

/** Filter operators as SQL, MongoDB-style filters (`$eq`, `$nin`) and query strings write them. */
export const OTHER_FILTER_OPS: ReadonlyArray<OtherSystemsName> = [
  ...named(["eq", "=", "=="], SHORT_OPERATOR, "equals"),
  ...named(["ne", "neq", "!=", "<>"], SHORT_OPERATOR, "not_equals"),
  ...named(["nin"], SHORT_OPERATOR, "not_in"),
  ...named([">"], SHORT_OPERATOR, "gt"),
  ...named([">="], SHORT_OPERATOR, "gte"),
  ...named(["<"], SHORT_OPERATOR, "lt"),
  ...named(["<="], SHORT_OPERATOR, "lte"),
];

/**
 * Aggregations by other names: SQL's COUNT(DISTINCT …), spelled words for `avg`, a percentile written as
 * its rank. Lago's `…_agg` names (`unique_count_agg`, Lago's aggregation_type) begin with ratecard's
 * and are found without a list.
 */
export const OTHER_AGGREGATIONS: ReadonlyArray<OtherSystemsName> = [
  ...named(
    ["count_distinct", "distinct_count", "distinct", "count_unique", "cardinality"],
    "a count of distinct values",
    "unique_count",
  ),
  ...named(["average", "mean"], "the average of the values", "avg"),
  ...named(["last", "last_value"], "the last value in the period", "latest"),
  ...named(
    ["p95", "p99", "p90", "95th", "95th_percentile"],
    'a percentile rank (the rank goes in the meter\'s "percentile": { "rank": "95" })',
    "percentile",
  ),
];
