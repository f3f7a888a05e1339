import type { TaxRateTerms } from "../../contracts/index.js";
import { type Decimal, exactProduct, toPlainString, ZERO } from "../../money/index.js";
import {
  intersectPeriods,
  isSamePeriod,
  type Period,
  type ProrationRatio,
  parseInstant,
  parseLocalDate,
  prorationRatio,
  startOfLocalDate,
} from "../../time/index.js";
import { contractRatio, type ProrationCalendar } from "../contractRatio.js";
import type { InvoiceLine } from "../invoiceSchema.js";

/**
 * What dated tax rates need from the contract: its zone (for their dates), its proration basis and its
 * cycle (whose anchor day 30-day months read).
 */
export type TaxCalendar = ProrationCalendar;

/**
 * A stretch of a line's service period with the rates in force on it, and its share of the period
 * (undefined: all of it).
 */
export interface TaxPart {
  readonly ratio: ProrationRatio | undefined;
  readonly rates: ReadonlyArray<TaxRateTerms>;
}

/** True when a rate applies only from or until a date. */
export function isDated(rate: TaxRateTerms): boolean {
  return rate.from !== undefined || rate.until !== undefined;
}

/**
 * The parts of a line's service period between the dates of the rates that apply to its charge, each
 * with the rates in force on it and its share of the line's period by the contract's proration basis
 * (by seconds when that basis measures the line as 0, a line shorter than a day on a day basis). One
 * part with every rate and no ratio when no rate is dated, so undated taxes are worked out as ever.
 */
export function taxParts(
  line: InvoiceLine,
  rates: ReadonlyArray<TaxRateTerms>,
  calendar: TaxCalendar,
): TaxPart[] {
  if (!rates.some(isDated)) return [{ ratio: undefined, rates }];
  const whole: Period = { start: parseInstant(line.period.start), end: parseInstant(line.period.end) };
  const windows = rates.map((rate) => windowOf(rate, calendar.timeZone));
  const cuts = [...new Set(windows.flatMap((window) => [window.start, window.end]))].filter(
    (instant) => instant > whole.start && instant < whole.end,
  );
  const bounds = [whole.start, ...cuts.sort((a, b) => a - b), whole.end];
  const wholeRatio = (part: Period) => {
    const ratio = contractRatio(part, whole, calendar);
    return ratio.total.isZero() ? prorationRatio(part, whole, "second", calendar.timeZone) : ratio;
  };
  return bounds.slice(0, -1).map((start, at) => {
    const part: Period = { start, end: bounds[at + 1]! };
    return {
      ratio: isSamePeriod(part, whole) ? undefined : wholeRatio(part),
      rates: rates.filter((_rate, index) => intersectPeriods(part, windows[index]!) !== undefined),
    };
  });
}

// [from, until) of a rate, local midnights; open ends stretch to the limits of the time line.
function windowOf(rate: TaxRateTerms, timeZone: string): Period {
  const midnight = (date: string) => startOfLocalDate(parseLocalDate(date)!, timeZone);
  return {
    start: rate.from === undefined ? Number.MIN_SAFE_INTEGER : midnight(rate.from),
    end: rate.until === undefined ? Number.MAX_SAFE_INTEGER : midnight(rate.until),
  };
}

/** `value × elapsed ÷ total` of a part (the value itself for the whole line), one exact product first. */
export function partOf(value: Decimal, ratio: ProrationRatio | undefined): Decimal {
  return ratio === undefined ? value : exactProduct(value, ratio.elapsed).div(ratio.total);
}

/** The share of a line's period a rate was in force on, for the tax entry (absent: all of it). */
export function shareInForce(parts: ReadonlyArray<TaxPart>, rate: TaxRateTerms) {
  const mine = parts.filter((part) => part.rates.includes(rate));
  if (mine.length === parts.length) return undefined;
  const first = mine[0]!.ratio!;
  const elapsed = mine.reduce((sum, part) => sum.plus(part.ratio!.elapsed), ZERO);
  return { basis: first.basis, elapsed: toPlainString(elapsed), total: toPlainString(first.total) };
}
