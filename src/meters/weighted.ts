import * as z from "zod/mini";
import { Decimal, fractionWhenUnending, toPlainString, ZERO } from "../money/index.js";
import type { WeightedTerms } from "../schema/index.js";
import { compareText } from "./compareText.js";
import type { MeterOutcome, Reducer } from "./reducer.js";
import { byTimeThenId, decimalJson, decimalTextSchema, instantMsSchema } from "./stateJson.js";

const pointSchema = z.strictObject({ timestamp: instantMsSchema, id: z.string(), value: decimalTextSchema });

interface Point {
  readonly timestamp: number;
  readonly id: string;
  readonly value: Decimal;
}

type WeightedState = Point[];

// Fixed divisors: an hour, a day, a second, and the vendors' fixed months: 730 hours (Supabase disk,
// Azure: 8,760 hours a year ÷ 12) and 30 days (Cloudflare's storage average, Kill Bill).
const SECONDS_PER = {
  hour: 3600,
  day: 86_400,
  second: 1,
  month_730_hours: 730 * 3600,
  month_30_days: 30 * 86_400,
} as const;

/**
 * `weighted_sum`, a time-weighted gauge: each event sets the level (or changes it, with
 * `values: "change"`), the level holds until the next event, and the meter is Σ level × time ÷ the
 * period (GB-month), ÷ a fixed month (730 hours or 30 days), or ÷ an hour, a day or a second. The level at the period start comes from the
 * carried state (the previous period's closing level), 0 without one. 100 GB all February, then
 * 400 GB from the 15th 00:00: (100 × 14 + 400 × 14) days ÷ 28 days = 250 GB-month.
 * Keeps every point of the period (it must order them), so its memory grows with the events.
 */
export function weightedReducer(terms: WeightedTerms): Reducer<WeightedState> {
  return {
    init: () => [],
    add: (state, sample) => {
      state.push({
        timestamp: sample.event.timestamp,
        id: sample.event.id,
        value: new Decimal(sample.raw as string | number),
      });
      return state;
    },
    merge: (a, b) => [...a, ...b],
    toJson: (state) =>
      byTimeThenId(state).map((point) => ({
        timestamp: point.timestamp,
        id: point.id,
        value: decimalJson(point.value),
      })),
    stateSchema: z.pipe(
      z.array(pointSchema),
      z.transform((points): WeightedState => points.map((point) => ({ ...point }))),
    ),
    finalize: (state, context): MeterOutcome => {
      const points = [...state].sort((a, b) => a.timestamp - b.timestamp || compareText(a.id, b.id));
      const opening = new Decimal(context.carried?.level ?? "0");
      let level = opening;
      let since = context.period.start;
      let area: Decimal = ZERO; // level × milliseconds
      // The level events set at the period's first instant, when they do (not under "change", where the
      // opening level still counts): the opening level then holds for no time, and the words say so.
      let setAtStart: Decimal | undefined;
      for (const point of points) {
        area = area.plus(level.times(point.timestamp - since));
        level = terms.values === "change" ? level.plus(point.value) : point.value;
        since = point.timestamp;
        if (terms.values !== "change" && point.timestamp === context.period.start) setAtStart = level;
      }
      area = area.plus(level.times(context.period.end - since));
      const per = terms.per ?? "period";
      const whole = context.billingPeriod ?? context.period;
      const divisor = per === "period" ? whole.end - whole.start : SECONDS_PER[per] * 1000;
      const fraction = fractionWhenUnending(area, new Decimal(divisor));
      return {
        quantity: area.div(divisor),
        ...(fraction === undefined ? {} : { fraction }),
        events: points.length,
        computation: {
          kind: "weighted",
          openingLevel: toPlainString(opening),
          closingLevel: toPlainString(level),
          per,
          points: points.length,
          ...(setAtStart === undefined ? {} : { setAtStart: toPlainString(setAtStart) }),
        },
        carryOut: { level: toPlainString(level) },
        ...(setAtStart === undefined ? {} : { openingUnused: true as const }),
      };
    },
  };
}
