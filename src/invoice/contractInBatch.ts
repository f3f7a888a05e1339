import type { Contract } from "../contracts/index.js";
import { InputError } from "../errors/index.js";
import {
  addLocalDays,
  formatLocalDate,
  intersectPeriods,
  isSamePeriod,
  type Period,
  parsePeriod,
  periodsBetween,
  startOfLocalDate,
  toLocalDate,
} from "../time/index.js";
import { label, shortLabel, termPeriod } from "./resolveServicePeriod.js";

/**
 * What a batch does with one contract for its period (docs/scale.md, "Contracts billed on another
 * cycle"): rate it, or set it aside with its reason.
 * - `rated`: the period lies inside one of the contract's billing periods and, clipped to the term, is
 *   all of it the term keeps. A term that starts or ends inside the period is the contract's own part
 *   of it (its fees prorated, as `rateInvoice` does).
 * - `out_of_term`: the term does not reach the period; the contract bills nothing in it.
 * - `another_cycle`: the contract is in force but bills on another cycle (quarterly, weekly, from the
 *   15th): an invoice for the period would bill a part of a billing period that is not its own (tiers
 *   counted over a month of a quarter), or straddle two. `billingPeriods` are those that meet the period,
 *   clipped to the term, as `--period` text in the contract's zone: the runs that bill it.
 */
export type ContractInBatch =
  | { readonly rated: true }
  | { readonly rated: false; readonly reason: "out_of_term" }
  | {
      readonly rated: false;
      readonly reason: "another_cycle";
      readonly billingPeriods: ReadonlyArray<string>;
    };

/**
 * Whether a batch for `period` rates `contract` (see {@link ContractInBatch}). `rateMany` and
 * `ratecard batch` both decide by it ({@link batchDecision}), so the library and the CLI set aside the
 * same contracts. A period the rating would refuse (one that does not read, or is empty, or beyond year
 * 9999) is left to it: `rated`, so that it refuses the period in its own words.
 * @example contractInBatch(quarterly, "2026-02") // { rated: false, reason: "another_cycle", billingPeriods: ["2026-01-01/2026-04-01"] }
 */
export function contractInBatch(contract: Contract, period: Period | string): ContractInBatch {
  return batchDecision(period)(contract);
}

/**
 * {@link contractInBatch} for the contracts of one batch: the period read in each zone, and the billing
 * periods it meets, are worked out once per zone and cycle rather than once per contract (they cost
 * about 40 µs a contract, a quarter of rating a small customer). Calendar periods do not depend on the
 * term's start, so every calendar-monthly contract of a zone shares them; anniversary ones share them
 * with the contracts that start on the same instant. Kept by the returned function alone, for one batch.
 */
export function batchDecision(period: Period | string): (contract: Contract) => ContractInBatch {
  const periods = new Map<string, ReadonlyArray<Period>>();
  const requestedIn = new Map<string, Period>();
  return (contract) => {
    const { cycle } = contract;
    const met = (requested: Period) => {
      const key = `${cycleKey(cycle)}|${requested.start}|${requested.end}`;
      const known = periods.get(key);
      if (known !== undefined) return known;
      const found = periodsBetween(cycle, requested.start, requested.end);
      periods.set(key, found);
      return found;
    };
    const requested = () => {
      if (typeof period !== "string") return period;
      const known = requestedIn.get(contract.timeZone);
      if (known !== undefined) return known;
      const parsed = parsePeriod(period, contract.timeZone);
      requestedIn.set(contract.timeZone, parsed);
      return parsed;
    };
    return decide(contract, requested, met);
  };
}

// A billing period (clipped to the term) as the shortest --period text that rates it: "2026-Q1" rather
// than "2026-01-01/2026-04-01". --period names local midnights, a term may end at an instant (a
// cancellation at 15:30): the text then runs to the next midnight, which the term cuts back, as the
// dates of its instants ("…/2026-02-10") stopped short of the term and were set aside again.
function periodText(period: Period, timeZone: string): string {
  const covering = coveringDates(period, timeZone);
  return shortLabel(covering, timeZone) ?? label(covering, timeZone);
}

// The local midnights on or before the start and on or after the end: inside the billing period, whose
// boundaries are local midnights.
function coveringDates(period: Period, timeZone: string): Period {
  const start = startOfLocalDate(toLocalDate(period.start, timeZone), timeZone);
  const last = toLocalDate(period.end, timeZone);
  const atMidnight = startOfLocalDate(last, timeZone);
  const end = atMidnight === period.end ? atMidnight : startOfLocalDate(addLocalDays(last, 1), timeZone);
  return { start, end };
}

// What decides a cycle's boundaries: a calendar cycle's are its zone, cadence and anchors (its reference
// year only numbers them), an anniversary cycle's its term start too.
function cycleKey(cycle: Contract["cycle"]): string {
  const { timeZone, cadence, alignment, anchorDay, anchorMonth, termStart } = cycle;
  return alignment === "calendar"
    ? `${timeZone}|${cadence}|calendar|${anchorDay ?? ""}|${anchorMonth ?? ""}`
    : `${timeZone}|${cadence}|anniversary|${termStart}`;
}

function decide(
  contract: Contract,
  requestedOf: () => Period,
  billingPeriodsMet: (requested: Period) => ReadonlyArray<Period>,
): ContractInBatch {
  let met: ReadonlyArray<Period>;
  try {
    const requested = requestedOf();
    const term = termPeriod(contract);
    const service = intersectPeriods(requested, term);
    if (service === undefined) return { rated: false, reason: "out_of_term" };
    // The billing periods the period meets, unclipped: one that ends inside the period is billed by its
    // own run (a monthly contract ending 2026-02-01 in a batch of the first quarter is January's), so
    // the period must lie inside one, as rateInvoice requires, and cover all of it the term keeps.
    const whole = billingPeriodsMet(requested);
    met = whole.flatMap((billing) => intersectPeriods(billing, term) ?? []);
    if (whole.length === 1 && isSamePeriod(met[0] as Period, service)) return { rated: true };
  } catch (error) {
    if (error instanceof InputError) return { rated: true };
    throw error;
  }
  return {
    rated: false,
    reason: "another_cycle",
    billingPeriods: met.map((billing) => periodText(billing, contract.timeZone)),
  };
}

/**
 * A contract's term in words, from the local dates of its zone: "2025-01-01 to 2026-01-01", "from
 * 2026-04-01" (an end a cancellation brings forward is the end).
 */
export function termInWords(contract: Contract): string {
  const date = (instant: number) => formatLocalDate(toLocalDate(instant, contract.timeZone));
  const { start, end } = contract.term;
  return end === undefined ? `from ${date(start)}` : `${date(start)} to ${date(end)}`;
}
