import { addExactly, Decimal, toPlainString, ZERO } from "../money/index.js";
import { formatInstant } from "../time/index.js";

/** A window whose value went above the free allowance: when it started, its value, what is billed. */
export interface WindowAboveAllowance {
  readonly start: string;
  readonly value: string;
  readonly billable: string;
}

/** The windows' values after the allowance, and the record of it for the explanation. */
export interface WindowAllowanceResult {
  readonly values: (Decimal | undefined)[];
  readonly perWindow: string;
  /** Σ min(value, allowance): the quantity the allowance covered over all windows. */
  readonly free: string;
  readonly above: WindowAboveAllowance[];
}

/**
 * A free allowance in every window (GitHub Actions: 10 GB of cache free in each hour, against that
 * hour's peak; Azure Cosmos DB's free tier: 1,000 RU/s in each hour): each window's value becomes
 * max(0, value − allowance), so the meter's sum is Σ max(0, window − allowance). Windows without
 * events stay out (`undefined`) or count 0, as the meter says, before this runs.
 */
export function applyWindowAllowance(
  values: ReadonlyArray<Decimal | undefined>,
  allowance: Decimal,
  startOf: (index: number) => number,
): WindowAllowanceResult {
  const above: WindowAboveAllowance[] = [];
  let free: Decimal = ZERO;
  const after = values.map((value, index) => {
    if (value === undefined) return undefined;
    const billable = Decimal.max(ZERO, value.minus(allowance));
    free = addExactly(free, Decimal.min(value, allowance));
    if (billable.greaterThan(0)) {
      above.push({
        start: formatInstant(startOf(index)),
        value: toPlainString(value),
        billable: toPlainString(billable),
      });
    }
    return billable;
  });
  return {
    values: after,
    perWindow: toPlainString(allowance),
    free: toPlainString(free),
    above,
  };
}
