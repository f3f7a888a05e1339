import { toPlainString } from "../money/index.js";
import type { FilterTerms } from "./meter.js";
import { valueFormula } from "./valueFormula.js";

const SIGNS = { gt: ">", gte: "≥", lt: "<", lte: "≤" } as const;

/**
 * A meter's filters on computed values as one condition a specialist reads, or undefined when it has
 * none (filters on one property are not restated: the meter's counted events say them):
 * `input_tokens + cached_input_tokens > 200000`, several joined by "and". The threshold is exact,
 * as written in the contract.
 */
export function computedFilterFormula(filters: ReadonlyArray<FilterTerms> | undefined): string | undefined {
  // Asked for every usage step of every invoice; nearly every meter has no filter on a computed value,
  // and an empty or absent list is answered without a new array (issue 14: 1 % of rating from aggregates).
  if (filters === undefined || !filters.some(hasExpression)) return undefined;
  const conditions = filters.flatMap((filter) =>
    "expression" in filter && filter.expression !== undefined
      ? [`${valueFormula(filter.expression)} ${SIGNS[filter.op]} ${toPlainString(filter.value)}`]
      : [],
  );
  return conditions.length === 0 ? undefined : conditions.join(" and ");
}

function hasExpression(filter: FilterTerms): boolean {
  return "expression" in filter && filter.expression !== undefined;
}
