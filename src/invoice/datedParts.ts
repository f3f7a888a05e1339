import type { Contract } from "../contracts/index.js";
import { addExactly, type Decimal, exactProduct, roundTo, ZERO } from "../money/index.js";
import {
  intersectPeriods,
  type Period,
  type ProrationRatio,
  parseLocalDate,
  startOfLocalDate,
} from "../time/index.js";
import { contractRatio } from "./contractRatio.js";

/** A stretch of a period in which one version of a dated term is in force. */
export interface DatedPart<T> {
  readonly period: Period;
  /** The version in force on the part (its index in the versions given). */
  readonly version: T;
}

/**
 * The parts of `period` between the dates a term changes on, each with the version in force:
 * `versions[0]` before the first date, `versions[i]` from `dates[i − 1]` on. `dates` are local dates
 * (midnight in the contract's zone) in ascending order; a part of no length is left out. One part
 * when no date falls inside the period.
 * @example datedParts(contract, march, ["2026-03-17"], [a, b]) // [Mar 1–17: a, Mar 17–Apr 1: b]
 */
export function datedParts<T>(
  contract: Contract,
  period: Period,
  dates: ReadonlyArray<string>,
  versions: ReadonlyArray<T>,
): DatedPart<T>[] {
  const starts = [
    Number.MIN_SAFE_INTEGER,
    ...dates.map((date) => startOfLocalDate(parseLocalDate(date)!, contract.timeZone)),
  ];
  return starts.flatMap((start, at) => {
    const part = intersectPeriods(period, { start, end: starts[at + 1] ?? Number.MAX_SAFE_INTEGER });
    return part === undefined ? [] : [{ period: part, version: versions[at]! }];
  });
}

/**
 * An amount stated per billing period whose value changes on dates, for the parts of the service
 * period: Σ valueᵢ × elapsedᵢ ÷ total over the parts (each part measured against the billing period
 * with the contract's proration basis), every product exact and one division, rounded once with the
 * contract's mode. A constant value gives exactly the amount × the service's share, as undated.
 * @example 100.00 for 16 days and 150.00 for 15 days of March (day basis): (100 × 16 + 150 × 15) ÷ 31 = 124.19
 */
export function proratedAcrossParts(
  contract: Contract,
  billingPeriod: Period,
  parts: ReadonlyArray<{ readonly period: Period; readonly value: Decimal }>,
): { readonly amount: Decimal; readonly ratios: ReadonlyArray<ProrationRatio> } {
  const ratios = parts.map((part) => contractRatio(part.period, billingPeriod, contract));
  // Every part is measured against the same billing period, so every ratio has its total: the exact
  // sum of the products is divided once, and a constant value comes back whole (two divisions to 50
  // digits, 100 × 3/31 + 100 × 28/31, sum to 100.000…0004, which a ceiling rounds to 100.01).
  const total = ratios[0]!.total;
  const exact = parts
    .reduce((sum, part, at) => addExactly(sum, exactProduct(part.value, ratios[at]!.elapsed)), ZERO)
    .div(total);
  return { amount: roundTo(exact, contract.currency.minorUnits, contract.rounding), ratios };
}
