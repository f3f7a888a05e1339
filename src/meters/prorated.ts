import * as z from "zod/mini";
import { Decimal, roundTo, toPlainString } from "../money/index.js";
import { daysBetween, type LocalDate, type Period, toLocalDate } from "../time/index.js";
import { compareText } from "./compareText.js";
import { type Operation, recordOperations } from "./persistent.js";
import type { FinalizeContext, MeterOutcome, Reducer } from "./reducer.js";
import { decimalJson, decimalTextSchema, instantMsSchema } from "./stateJson.js";

// Lago rounds a prorated recurring aggregate up to 5 decimals before pricing it (`.ceil(5)`).
const PRORATED_DECIMALS = 5;

/** The calendar days of a period in the contract's zone, its first and last day both counted. */
interface DayRange {
  readonly first: LocalDate;
  readonly last: LocalDate;
  readonly days: number;
}

function dayRange(period: Period, timeZone: string): DayRange {
  const first = toLocalDate(period.start, timeZone);
  // The last instant inside the half-open period names its last day, whether it ends at midnight or not.
  const last = toLocalDate(period.end - 1, timeZone);
  return { first, last, days: daysBetween(first, last) + 1 };
}

/** The days measured (the period, clipped to the term) and the days of the whole billing period. */
function daysOf(context: FinalizeContext): { readonly measured: DayRange; readonly billing: DayRange } {
  return {
    measured: dayRange(context.period, context.timeZone),
    billing: dayRange(context.billingPeriod ?? context.period, context.timeZone),
  };
}

/** Unit-days ÷ the billing period's days, rounded up (toward +∞) to 5 decimals, as Lago does. */
function proratedQuantity(unitDays: Decimal, periodDays: number): Decimal {
  return roundTo(unitDays.div(periodDays), PRORATED_DECIMALS, "ceiling");
}

interface ValuePoint {
  readonly timestamp: number;
  readonly value: Decimal;
}

/**
 * A prorated persistent sum (Lago's recurring sum with a prorated charge): the total carried in counts
 * for every day measured, and each event's value (negative ones too) counts from its day to the last
 * day, both included, all ÷ the days of the billing period, rounded up to 5 decimals. 5 carried and
 * 12 + 12 added on May 26: (5 × 31 + 12 × 6 + 12 × 6) ÷ 31 = 9.645161… → 9.64517. The running total
 * carries out unprorated, as without `prorated`.
 */
export function proratedTotalReducer(): Reducer<ValuePoint[]> {
  return {
    init: () => [],
    add: (state, sample) => {
      state.push({ timestamp: sample.event.timestamp, value: new Decimal(sample.raw as string | number) });
      return state;
    },
    merge: (a, b) => [...a, ...b],
    // As JSON (rate from aggregates): the points by time, then by value, so any order of the same
    // events gives the same bytes; the finalize sum does not depend on the order.
    toJson: (state) =>
      state
        .map((point) => ({ timestamp: point.timestamp, value: decimalJson(point.value) }))
        .sort((a, b) => a.timestamp - b.timestamp || compareText(a.value, b.value)),
    stateSchema: z.array(
      z.pipe(
        z.strictObject({ timestamp: instantMsSchema, value: decimalTextSchema }),
        z.transform((point): ValuePoint => ({ timestamp: point.timestamp, value: new Decimal(point.value) })),
      ),
    ),
    finalize: (state, context): MeterOutcome => {
      const { measured, billing } = daysOf(context);
      const carriedIn = new Decimal(context.carried?.total ?? "0");
      let inPeriod = new Decimal(0);
      let unitDays = carriedIn.times(measured.days);
      for (const point of state) {
        inPeriod = inPeriod.plus(point.value);
        const daysLeft = daysBetween(toLocalDate(point.timestamp, context.timeZone), measured.last) + 1;
        unitDays = unitDays.plus(point.value.times(daysLeft));
      }
      const total = carriedIn.plus(inPeriod);
      return {
        quantity: proratedQuantity(unitDays, billing.days),
        events: state.length,
        computation: {
          kind: "persistent",
          carriedIn: toPlainString(carriedIn),
          inPeriod: toPlainString(inPeriod),
          carriedOut: toPlainString(total),
          prorated: {
            full: toPlainString(total),
            unitDays: toPlainString(unitDays),
            periodDays: billing.days,
          },
        },
        carryOut: { total: toPlainString(total) },
      };
    },
  };
}

/** One value's days active so far: since which day it is active (if it is), and the last day counted. */
interface Activity {
  since: number | undefined;
  lastCounted: number;
  days: number;
}

// Counts the days of [from, to] not counted yet: a value removed and added again on one day counts it once.
function countDays(activity: Activity, from: number, to: number): void {
  const start = Math.max(from, activity.lastCounted + 1);
  if (to >= start) activity.days += to - start + 1;
  activity.lastCounted = Math.max(activity.lastCounted, to);
}

/**
 * A prorated persistent unique count (Lago's recurring unique count with a prorated charge): each value
 * counts for the days it was active — the day it was added and the day it was removed both included,
 * a day counted once however often it was added and removed — ÷ the days of the billing period,
 * rounded up to 5 decimals. One seat held all along and one added on day 11 of 31:
 * (31 + 21) ÷ 31 = 1.677419… → 1.67742. The active values carry out, as without `prorated`.
 */
export function proratedUniqueReducer(operationProperty: string | undefined): Reducer<Operation[]> {
  return {
    ...recordOperations(operationProperty),
    finalize: (state, context): MeterOutcome => {
      const { measured, billing } = daysOf(context);
      const lastDay = measured.days - 1;
      const dayOf = (timestamp: number) =>
        daysBetween(measured.first, toLocalDate(timestamp, context.timeZone));
      const values = new Map<string, Activity>();
      for (const key of context.carried?.active ?? [])
        values.set(key, { since: 0, lastCounted: -1, days: 0 });
      const carriedIn = values.size;
      const ordered = [...state].sort((a, b) => a.timestamp - b.timestamp || compareText(a.id, b.id));
      for (const operation of ordered) {
        const activity = values.get(operation.key);
        const day = dayOf(operation.timestamp);
        if (operation.remove) {
          if (activity?.since === undefined) continue; // removing a value that is not active changes nothing
          countDays(activity, activity.since, day);
          activity.since = undefined;
        } else if (activity === undefined)
          values.set(operation.key, { since: day, lastCounted: -1, days: 0 });
        else activity.since ??= day;
      }
      let unitDays = 0;
      const active: string[] = [];
      for (const [key, activity] of values) {
        if (activity.since !== undefined) {
          countDays(activity, activity.since, lastDay);
          active.push(key);
        }
        unitDays += activity.days;
      }
      return {
        quantity: proratedQuantity(new Decimal(unitDays), billing.days),
        events: state.length,
        computation: {
          kind: "persistent",
          carriedIn: String(carriedIn),
          inPeriod: String(values.size - carriedIn),
          carriedOut: String(active.length),
          prorated: { full: String(values.size), unitDays: String(unitDays), periodDays: billing.days },
        },
        carryOut: { active: active.sort(compareText) },
      };
    },
  };
}
